/// <reference lib="webworker" />
// The sampling pass: every Nth frame decoded once, detected on the detector's own thread where
// the picture calls for it (FrameSampler), with a switch to ffmpeg.wasm if WebCodecs gives up.
import { explainFailure } from '$lib/pipeline/failure-message';
import { defaultMinGapSec, type SelectOptions } from '$lib/pipeline/select';
import type { ExtractRequest } from '$lib/workers/extractor-protocol';
import { ANALYSIS_LONG_SIDE } from './analyze-frame';
import { DecodeFailure } from './decoders/ffmpeg-decoder';
import { sampleWithFallback, type SampledWith } from './decoders/with-fallback';
import type { DetectorClient } from './detector-client';
import { describeError } from './describe-error';
import { FrameSampler } from './frame-sampler';
import { displaySize } from './probe';
import type { ExtractionRun } from './extraction-run';

/** Hashes at most this many bits apart (of 64) count as the same picture. */
const MAX_HASH_DISTANCE = 10;

export interface Sampling {
	sampler: FrameSampler;
	/** The decoder that finished the pass, and whether it reached the end. */
	sampled: SampledWith;
	select: SelectOptions;
}

export async function sampleVideo(
	detector: DetectorClient,
	req: ExtractRequest,
	run: ExtractionRun
): Promise<Sampling> {
	const { primary, switchToFallback, progress, timer, notes } = run;
	const probe = primary.probe;
	const { settings } = req;
	const framesTotal = Math.max(1, Math.ceil(probe.frameCount / settings.sampleRate));
	progress.report('sampling', 0, 0, framesTotal, probe);

	const select = {
		maxFrames: settings.maxFrames,
		minGapSec: defaultMinGapSec(probe.durationSec, settings.maxFrames),
		maxHashDistance: MAX_HASH_DISTANCE
	};
	const sampler = new FrameSampler({
		source: displaySize(probe),
		select,
		spare: settings.maxFrames,
		detect: (image, scale) =>
			detector.detect(req.assets, settings.model, image, scale, settings.confidence)
	});
	let done = 0;
	const sampled = await sampleWithFallback(
		primary,
		switchToFallback,
		{ sampleRate: settings.sampleRate, longSide: ANALYSIS_LONG_SIDE },
		sampler.onSample,
		(timeSec) => {
			done++;
			const share = probe.durationSec > 0 ? timeSec / probe.durationSec : done / framesTotal;
			progress.report('sampling', share, done, framesTotal);
		}
	)
		.catch((error: unknown) => {
			// Without a fallback a decoder failure is the video's failure, in ffmpeg's words.
			if (!switchToFallback || error instanceof DecodeFailure) throw error;
			throw new DecodeFailure(explainFailure(describeError(error)), describeError(error));
		})
		.finally(() => sampler.finish());
	if (sampled.fallbackReason) notes.push(sampled.fallbackReason);
	timer.lap('sample+detect');
	// A damaged tail still yields what decoded before it; nothing decoded at all is a failure.
	if (sampler.counts.sampled === 0) {
		const details = sampled.decoder.details();
		throw new DecodeFailure(explainFailure(details), details);
	}
	timer.addAll(sampler.timings);
	return { sampler, sampled, select };
}
