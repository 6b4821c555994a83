/// <reference lib="webworker" />
// The sampling pass: every Nth frame decoded once, detected on the detector's own thread where
// the picture calls for it (FrameSampler), with a switch to ffmpeg.wasm if WebCodecs gives up.
// Every CHECKPOINT_MS, and wherever the decoder pauses, it reports how far it got; given such a
// checkpoint it continues from there.
import { BLAZEFACE } from '$lib/pipeline/blazeface';
import { gateOptions } from '$lib/pipeline/detect-gate';
import { runnersUpToHold } from '$lib/pipeline/held-frames';
import { errorText, explainFailure } from '$lib/pipeline/failure-message';
import type { SelectionBasis } from '$lib/pipeline/curate';
import { SHARPNESS_WEIGHT } from '$lib/pipeline/score';
import { defaultMinGapSec, type SelectOptions } from '$lib/pipeline/select';
import { samplingPlan } from '$lib/settings/extraction-settings';
import type { ExtractRequest, SamplingResume } from '$lib/workers/extractor-protocol';
import { ANALYSIS_LONG_SIDE } from './analyze-frame';
import { DecodeFailure } from './decoders/ffmpeg-decoder';
import type { FrameDecoder, OnSample } from './decoders/frame-decoder';
import { sampleWithFallback, type Fallback, type SampledWith } from './decoders/with-fallback';
import { DetectorFailure, type DetectorClient } from './detector-client';
import { describeError } from './describe-error';
import { EyeReader } from './eye-reader';
import { FrameSampler } from './frame-sampler';
import { displaySize } from './probe';
import type { ExtractionRun } from './extraction-run';

/** Thrown from the consumer at the first frame past the chosen range: the pass is done. */
class PastRangeEnd extends Error {}

/** Hashes at most this many bits apart (of 64) count as the same picture. */
const MAX_HASH_DISTANCE = 10;
/** How often the pass reports a checkpoint: one small write per batch of samples, not per sample. */
const CHECKPOINT_MS = 2000;

export interface Sampling {
	sampler: FrameSampler;
	/** The decoder that finished the pass, and whether it reached the end. */
	sampled: SampledWith;
	select: SelectOptions;
	/** What the selection is made from, kept with the video so it can be tuned again. */
	basis: SelectionBasis;
}

interface StartingPoint {
	decoder: FrameDecoder;
	fallback: Fallback;
	/** The checkpoint the pass continues from; null: from frame 0. */
	resume: SamplingResume | null;
}

/** The decoder that read up to the checkpoint goes on from there; with another, frame 0. */
async function startingPoint(
	{ primary, switchToFallback, notes }: ExtractionRun,
	resume: SamplingResume | null
): Promise<StartingPoint> {
	if (!resume || resume.decoder === primary.name)
		return { decoder: primary, fallback: switchToFallback, resume };
	if (switchToFallback && resume.decoder === 'ffmpeg.wasm') {
		notes.push('Resumed with ffmpeg.wasm, which had taken over from WebCodecs before.');
		return { decoder: await switchToFallback(), fallback: null, resume };
	}
	return { decoder: primary, fallback: switchToFallback, resume: null };
}

export async function sampleVideo(
	detector: DetectorClient,
	req: ExtractRequest,
	run: ExtractionRun
): Promise<Sampling> {
	const { primary, progress, timer, notes } = run;
	const probe = primary.probe;
	const { settings } = req;
	const plan = samplingPlan(settings, probe.fps);
	const rangeEnd = Math.min(plan.endSec, probe.durationSec || Infinity);
	const rangeSec = Math.max(0, rangeEnd - plan.startSec);
	const rangeFrames =
		Number.isFinite(rangeSec) && probe.fps > 0 ? rangeSec * probe.fps : probe.frameCount;
	const framesTotal = Math.max(1, Math.ceil(rangeFrames / plan.sampleRate));
	const start = await startingPoint(run, req.resume);
	const from = start.resume?.state.after ?? null;
	if (from) timer.add('resumedAt', from.timeSec);
	let done = start.resume?.state.counts.sampled ?? 0;
	const share = (timeSec: number, samples: number) =>
		probe.durationSec > 0 ? timeSec / probe.durationSec : samples / framesTotal;
	progress.report('sampling', from ? share(from.timeSec, done) : 0, done, framesTotal, probe);

	const select = {
		maxFrames: settings.maxFrames,
		minGapSec: defaultMinGapSec(rangeSec || probe.durationSec, settings.maxFrames),
		maxHashDistance: MAX_HASH_DISTANCE,
		onePerShot: true
	};
	const source = displaySize(probe);
	const basis: SelectionBasis = {
		frameWidth: source.width,
		frameHeight: source.height,
		maxHashDistance: MAX_HASH_DISTANCE,
		tune: {
			maxFrames: select.maxFrames,
			minGapSec: select.minGapSec,
			minFacePct: 0,
			largestFaceOnly: false,
			sharpnessWeight: SHARPNESS_WEIGHT,
			onePerShot: select.onePerShot
		}
	};
	const eyes = new EyeReader(
		(crops) => detector.readEyes(req.assets, crops),
		(reason) => notes.push(reason)
	);
	const sampler = new FrameSampler(
		{
			source,
			select,
			spare: runnersUpToHold(settings.maxFrames),
			inputSize: BLAZEFACE[settings.model].inputSize,
			gate: gateOptions(probe.fps > 0 ? plan.sampleRate / probe.fps : 0),
			detect: (input, scale) =>
				detector.detect(req.assets, settings.model, input, scale, settings.confidence),
			eyes
		},
		start.resume
	);
	// The decoder reading now, which the checkpoints name.
	let decoder = start.decoder;
	const fallback = start.fallback;
	let replace = !start.resume;
	let lastCheckpoint = performance.now();
	const checkpoint = () => {
		lastCheckpoint = performance.now();
		const entry = sampler.checkpoint();
		if (!entry) return;
		const { state, candidates } = entry;
		const at = progress.overall('sampling', share(state.after.timeSec, state.counts.sampled));
		run.checkpoint({ decoder: decoder.name, state, candidates, progress: at, replace });
		replace = false;
	};
	// Frames before the range are decoded but not looked at; past its end the pass stops.
	const inRange: OnSample = (frame) => {
		if (frame.timeSec > plan.endSec) throw new PastRangeEnd();
		if (frame.timeSec >= plan.startSec) return sampler.onSample(frame);
	};
	const sampled = await sampleWithFallback(
		decoder,
		fallback && (async () => (decoder = await fallback())),
		{
			sampleRate: plan.sampleRate,
			longSide: ANALYSIS_LONG_SIDE,
			from,
			startSec: plan.startSec,
			onPause: checkpoint
		},
		inRange,
		(timeSec) => {
			done++;
			progress.report('sampling', share(timeSec, done), done, framesTotal);
			if (performance.now() - lastCheckpoint >= CHECKPOINT_MS) checkpoint();
		}
	)
		.catch((error: unknown): SampledWith => {
			if (error instanceof PastRangeEnd) return { decoder, complete: true, fallbackReason: null };
			// Without a fallback a decoder failure is the video's failure, in ffmpeg's words; the
			// detector's is its own.
			if (!fallback || error instanceof DecodeFailure || error instanceof DetectorFailure)
				throw error;
			throw new DecodeFailure(explainFailure(errorText(error)), describeError(error));
		})
		.finally(() => sampler.finish());
	// Every sample is settled now: a run stopped during extraction need not sample again.
	checkpoint();
	if (sampled.fallbackReason) notes.push(sampled.fallbackReason);
	timer.lap('sample+detect');
	// A damaged tail still yields what decoded before it; nothing decoded at all is a failure.
	if (sampler.counts.sampled === 0) {
		const details = sampled.decoder.details();
		throw new DecodeFailure(explainFailure(details), details);
	}
	timer.addAll(sampler.timings);
	timer.addAll(eyes.timings);
	return { sampler, sampled, select, basis };
}
