/// <reference lib="webworker" />
// One video, start to finish: open a decoder (./open-decoders) → the sampling pass
// (./sample-video) → select → the extraction pass (./extract-keyframes), with one progress
// reporter and one stage timer for all. Pure decisions live in src/lib/pipeline.
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
import { extractKeyframes } from './extract-keyframes';
import { openDecoders } from './open-decoders';
import { ProgressReporter } from './progress-reporter';
import { sampleVideo } from './sample-video';
import { StageTimer } from './stage-timer';
import type { ExtractionRun, ExtractorEnv } from './extraction-run';

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
		const sampling = await sampleVideo(env.detector, req, run);
		for (const decoder of opened) timer.addAll(decoder.timings);

		const chosen = selectKeyframes(sampling.sampler.candidates, sampling.select) as ScoredFrame[];
		timer.lap('select');
		const { keyframes, thumbnail } = await extractKeyframes(chosen, sampling, run);
		timer.lap('extract');
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
			framesSampled: sampler.counts.sampled,
			framesWithFaces: sampler.candidates.length,
			timings: timer.seconds,
			decoder: lastDecoder.name,
			decoderNote: notes.length > 0 ? notes.join(' ') : null
		};
	} catch (error) {
		return failureOf(error, lastDecoder);
	} finally {
		for (const decoder of opened) decoder.close();
	}
}
