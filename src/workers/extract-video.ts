/// <reference lib="webworker" />
// One video, start to finish: open a decoder (./open-decoders) → the sampling pass
// (./sample-video) → select → the extraction pass (./extract-keyframes), with one progress
// reporter and one stage timer for all. Pure decisions live in src/lib/pipeline.
import { withOpenEyeScores, withSubject } from '$lib/pipeline/score';
import { selectKeyframes } from '$lib/pipeline/select';
import type { ScoredFrame } from '$lib/pipeline/types';
import type {
	ExtractOutcome,
	ExtractProgress,
	ExtractRequest,
	SamplingCheckpoint
} from '$lib/workers/extractor-protocol';
import type { FrameDecoder } from './decoders/frame-decoder';
import type { Fallback } from './decoders/with-fallback';
import { failureOf } from './describe-error';
import { extractKeyframes, fullSizeFrames, type FrameSource } from './extract-keyframes';
import { openDecoders } from './open-decoders';
import { PeopleRun } from './people-run';
import { ProgressReporter } from './progress-reporter';
import { sampleVideo } from './sample-video';
import { StageTimer } from './stage-timer';
import type { ExtractionRun, ExtractorEnv } from './extraction-run';
import type { Sampling } from './sample-video';

/**
 * With a reference photo: every candidate spaced in time (the selection without its frame limit)
 * is looked at full size and kept when the reference's person is in it, scored on that person's
 * face, not the best one (when the model cannot tell, as it is); the selection then runs over
 * those alone, and they are the run's candidates for re-tuning. Both leave out the
 * near-duplicate test: its whole-frame hash finds one person's shots alike (on people_two.mp4 it
 * dropped biden's second shot for his first, and before filtering, a shot of one person for the
 * other's look-alike one).
 */
async function framesOfReference(
	candidates: ScoredFrame[],
	sampling: Sampling,
	run: ExtractionRun,
	people: PeopleRun
): Promise<{ chosen: ScoredFrame[]; candidates: ScoredFrame[] }> {
	const { frameWidth, frameHeight } = sampling.basis;
	const spaced = { ...sampling.select, maxHashDistance: -1 };
	const wide = selectKeyframes(candidates, {
		...spaced,
		maxFrames: candidates.length
	});
	const kept: ScoredFrame[] = [];
	let i = 0;
	for await (const canvas of fullSizeFrames(wide, sourceOf(sampling), run)) {
		const frame = wide[i++];
		const face = await people.referenceFace(frame.frameIndex, canvas, frame.faces);
		if (face === null) kept.push(frame);
		else if (face >= 0) kept.push(withSubject(frame, face, frameWidth, frameHeight));
	}
	return { chosen: selectKeyframes(kept, spaced), candidates: kept };
}

const sourceOf = ({ sampler, sampled }: Sampling): FrameSource => ({
	held: sampler.held,
	decoder: sampled.decoder
});

export async function extractVideo(
	env: ExtractorEnv,
	req: ExtractRequest,
	onProgress: (p: ExtractProgress) => void,
	onCheckpoint: (c: SamplingCheckpoint) => void
): Promise<ExtractOutcome> {
	const progress = new ProgressReporter(onProgress);
	const timer = new StageTimer();
	const opened: FrameDecoder[] = [];
	let lastDecoder: FrameDecoder | null = null;

	progress.report('probing', 0, 0, 0);
	try {
		// The detector loads on its own thread meanwhile, on the first frame sent to it.
		const decoders = await openDecoders(env, req, opened);
		timer.lap('load+probe');
		// Switching decoders also changes whose name and log the outcome carries.
		const { fallback } = decoders;
		const switchToFallback: Fallback = fallback && (async () => (lastDecoder = await fallback()));
		lastDecoder = decoders.primary;
		const run: ExtractionRun = {
			primary: decoders.primary,
			switchToFallback,
			progress,
			checkpoint: onCheckpoint,
			timer,
			notes: decoders.note ? [decoders.note] : []
		};
		// Only a reference run needs People to choose its frames; any other video's faces are
		// embedded after it completes (the scheduler's embedFaces), so that the recognition model
		// neither loads nor runs while this video is processed. A reference run's worker loads it
		// while sampling, not after; a model that cannot load is reported by PeopleRun.
		const people = req.reference && new PeopleRun(env.embedder, req.reference);
		if (people) env.embedder().catch(() => undefined);
		const sampling = await sampleVideo(env.detector, req, run);
		for (const decoder of opened) timer.addAll(decoder.timings);

		const { frameWidth, frameHeight } = sampling.basis;
		const candidates = withOpenEyeScores(sampling.sampler.candidates, frameWidth, frameHeight);
		const ofReference = people && (await framesOfReference(candidates, sampling, run, people));
		const chosen = ofReference?.chosen ?? selectKeyframes(candidates, sampling.select);
		timer.lap('select');
		const { keyframes, thumbnail } = await extractKeyframes(
			chosen,
			sourceOf(sampling),
			run,
			people,
			(frame, cover) => env.detector.keyframeJpegs(req.assets, frame, cover)
		);
		timer.lap('extract');
		if (people) timer.addAll(people.timings);
		const { sampler, sampled } = sampling;
		timer.add('detections', sampler.counts.detected);
		timer.add('held', chosen.filter((c) => sampler.held.has(c.frameIndex)).length);
		const { notes } = run;
		return {
			ok: true,
			probe: decoders.primary.probe,
			warning: sampled.complete ? null : { code: 'damaged-tail', sampled: sampler.counts.sampled },
			keyframes,
			thumbnail,
			// Re-tuning a reference run chooses as it did: without the near-duplicate test.
			selection: ofReference ? { ...sampling.basis, maxHashDistance: -1 } : sampling.basis,
			framesSampled: sampler.counts.sampled,
			framesWithFaces: sampler.candidates.length,
			timings: timer.seconds,
			decoder: lastDecoder.name,
			decoderNote: notes.length > 0 ? notes.join(' ') : null,
			embeddings: people ? people.embeddingsOf(keyframes.map((k) => k.frameIndex)) : [],
			candidates: ofReference ? ofReference.candidates : candidates
		};
	} catch (error) {
		return failureOf(error, lastDecoder);
	} finally {
		for (const decoder of opened) decoder.close();
	}
}
