/// <reference lib="webworker" />
// One video, start to finish: open a decoder (WebCodecs when the browser decodes the codec,
// else ffmpeg.wasm) → sample, detecting on the detector's own thread where the picture calls
// for it (FrameSampler) → select → the chosen frames at full size, mostly held from sampling
// (extract-frames). Pure decisions live in src/lib/pipeline; decoders in ./decoders.
import { errorText, explainFailure } from '$lib/pipeline/failure-message';
import { bestFace } from '$lib/pipeline/score';
import { defaultMinGapSec, selectKeyframes } from '$lib/pipeline/select';
import type {
	ExtractedKeyframe,
	ExtractOutcome,
	ExtractProgress,
	ExtractRequest
} from '$lib/workers/extractor-protocol';
import { ANALYSIS_LONG_SIDE, type SampledFrame } from './analyze-frame';
import { DecodeFailure, FfmpegDecoder } from './decoders/ffmpeg-decoder';
import type { FrameDecoder } from './decoders/frame-decoder';
import { WebCodecsDecoder } from './decoders/webcodecs-decoder';
import {
	fullFramesWithFallback,
	sampleWithFallback,
	type Fallback
} from './decoders/with-fallback';
import type { DetectorClient } from './detector-client';
import { chosenCanvases } from './extract-frames';
import type { FFmpegRunner } from './ffmpeg-runner';
import { FrameSampler } from './frame-sampler';
import { thumbnailJpeg, toJpeg, videoThumbnailJpeg } from './jpeg';
import { displaySize } from './probe';
import { ProgressReporter } from './progress-reporter';
import { StageTimer } from './stage-timer';

/** Hashes at most this many bits apart (of 64) count as the same picture. */
const MAX_HASH_DISTANCE = 10;

export interface ExtractorEnv {
	ffmpeg(): Promise<FFmpegRunner>;
	detector: DetectorClient;
}

interface Decoders {
	primary: FrameDecoder;
	/** ffmpeg.wasm, opened on first need, when the primary is WebCodecs. */
	fallback: Fallback;
	/** Why the primary is not WebCodecs, when it is not. */
	note: string | null;
}

/** WebCodecs when allowed and able, else ffmpeg.wasm. Every decoder opened lands in `opened`. */
async function openDecoders(
	env: ExtractorEnv,
	req: ExtractRequest,
	opened: FrameDecoder[]
): Promise<Decoders> {
	const openFfmpeg = async () => {
		const decoder = FfmpegDecoder.open(await env.ffmpeg(), req.file);
		opened.push(decoder);
		return decoder;
	};
	if (req.settings.decoder === 'ffmpeg') {
		return {
			primary: await openFfmpeg(),
			fallback: null,
			note: 'ffmpeg.wasm is chosen in Settings.'
		};
	}
	const webcodecs = await WebCodecsDecoder.open(req.file);
	if ('unsupported' in webcodecs) {
		return { primary: await openFfmpeg(), fallback: null, note: webcodecs.unsupported };
	}
	opened.push(webcodecs.decoder);
	let ffmpeg: Promise<FrameDecoder> | null = null;
	return { primary: webcodecs.decoder, fallback: () => (ffmpeg ??= openFfmpeg()), note: null };
}

/** The error with its stack, for the details view. */
function describe(error: unknown): string {
	return error instanceof Error ? `${errorText(error)}\n${error.stack ?? ''}` : errorText(error);
}

export async function extractVideo(
	env: ExtractorEnv,
	req: ExtractRequest,
	onProgress: (p: ExtractProgress) => void
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
		const { primary, fallback } = decoders;
		// Switching decoders also changes whose name and log the outcome carries.
		const switchToFallback: Fallback = fallback && (async () => (lastDecoder = await fallback()));
		const notes = decoders.note ? [decoders.note] : [];
		lastDecoder = primary;
		const probe = primary.probe;
		const source = displaySize(probe);
		const { settings } = req;
		const framesTotal = Math.max(1, Math.ceil(probe.frameCount / settings.sampleRate));
		progress.report('sampling', 0, 0, framesTotal, probe);

		const select = {
			maxFrames: settings.maxFrames,
			minGapSec: defaultMinGapSec(probe.durationSec, settings.maxFrames),
			maxHashDistance: MAX_HASH_DISTANCE
		};
		const sampler = new FrameSampler({
			source,
			select,
			spare: settings.maxFrames,
			detect: (image, scale) =>
				env.detector.detect(req.assets, settings.model, image, scale, settings.confidence)
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
				if (!fallback || error instanceof DecodeFailure) throw error;
				throw new DecodeFailure(explainFailure(describe(error)), describe(error));
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
		for (const decoder of opened) timer.addAll(decoder.timings);

		const chosen = selectKeyframes(sampler.candidates, select) as SampledFrame[];
		timer.lap('select');

		const keyframes: ExtractedKeyframe[] = [];
		let thumbnail: Blob | null = null;
		const best = chosen.reduce<SampledFrame | null>(
			(b, c) => (!b || c.score > b.score ? c : b),
			null
		);
		const decodeAgain = (times: readonly number[]) =>
			fullFramesWithFallback(
				sampled.decoder,
				sampled.decoder === primary ? switchToFallback : null,
				times,
				(reason) => notes.push(reason)
			);
		let i = 0;
		for await (const canvas of chosenCanvases(chosen, sampler.held, decodeAgain)) {
			const frame = chosen[i];
			progress.report('extracting', i / chosen.length, i, chosen.length);
			const [image, thumb] = await Promise.all([toJpeg(canvas), thumbnailJpeg(canvas)]);
			if (frame === best) {
				thumbnail = await videoThumbnailJpeg(
					canvas,
					bestFace(frame.faces, canvas.width, canvas.height)
				);
			}
			keyframes.push({
				frameIndex: frame.frameIndex,
				timeSec: frame.timeSec,
				score: frame.score,
				sharpness: frame.sharpness,
				faces: frame.faces,
				width: canvas.width,
				height: canvas.height,
				image,
				thumb
			});
			i++;
		}
		timer.lap('extract');
		timer.add('detections', sampler.counts.detected);
		timer.add('held', chosen.filter((c) => sampler.held.has(c.frameIndex)).length);
		return {
			ok: true,
			probe,
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
		if (error instanceof DecodeFailure)
			return { ok: false, notice: error.notice, details: error.details };
		const text = describe(error);
		const details = lastDecoder?.details() ?? '';
		return { ok: false, notice: explainFailure(text), details: `${text}\n\n${details}` };
	} finally {
		for (const decoder of opened) decoder.close();
	}
}
