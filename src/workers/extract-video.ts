/// <reference lib="webworker" />
// One video, start to finish: open a decoder (WebCodecs when the browser decodes the codec,
// else ffmpeg.wasm) → sample + detect → score → select → extract the chosen frames at full
// size. Pure decisions live in src/lib/pipeline; decoders in ./decoders.
import type { FaceDetector } from '@mediapipe/tasks-vision';
import { errorText, explainFailure } from '$lib/pipeline/failure-message';
import { bestFace } from '$lib/pipeline/score';
import { defaultMinGapSec, selectKeyframes } from '$lib/pipeline/select';
import type {
	ExtractedKeyframe,
	ExtractOutcome,
	ExtractProgress,
	ExtractRequest
} from '$lib/workers/extractor-protocol';
import { analyzeFrame, type AnalysisTimings, type SampledFrame } from './analyze-frame';
import { DecodeFailure, FfmpegDecoder } from './decoders/ffmpeg-decoder';
import type { FrameDecoder } from './decoders/frame-decoder';
import { WebCodecsDecoder } from './decoders/webcodecs-decoder';
import {
	fullFramesWithFallback,
	sampleWithFallback,
	type Fallback
} from './decoders/with-fallback';
import type { FFmpegRunner } from './ffmpeg-runner';
import { thumbnailJpeg, toJpeg, videoThumbnailJpeg } from './jpeg';
import { displaySize } from './probe';

/**
 * Long side of the frames the detector sees. With the full-range model, measured here: ~26 ms a
 * frame at 640×360, ~22 ms at 320×180 — which loses 4 of the 81 faces in faces_timeline.mp4's
 * crowd, so 640 stays; far larger inputs cost much more (~63 ms at 1080p).
 */
const DETECT_LONG_SIDE = 640;
/** Hashes at most this many bits apart (of 64) count as the same picture. */
const MAX_HASH_DISTANCE = 10;
/** Share of the progress bar each stage takes. */
const STAGE_WEIGHTS = { probing: 0.02, sampling: 0.83, extracting: 0.15 } as const;
const PROGRESS_INTERVAL_MS = 100;

export interface ExtractorEnv {
	ffmpeg(): Promise<FFmpegRunner>;
	detector(model: ExtractRequest['settings']['model']): Promise<FaceDetector>;
}

/** Calls `report` at most every 100 ms, except for stage changes, which always go through. */
function throttle(report: (p: ExtractProgress) => void) {
	let last = 0;
	let lastStage = '';
	return (p: ExtractProgress) => {
		const now = performance.now();
		if (p.stage === lastStage && now - last < PROGRESS_INTERVAL_MS) return;
		last = now;
		lastStage = p.stage;
		report(p);
	};
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
	const report = throttle(onProgress);
	const timings: Record<string, number> = {};
	let t0 = performance.now();
	const lap = (stage: string) => {
		const now = performance.now();
		timings[stage] = (timings[stage] ?? 0) + (now - t0) / 1000;
		t0 = now;
	};
	const opened: FrameDecoder[] = [];
	let lastDecoder: FrameDecoder | null = null;

	report({ stage: 'probing', progress: 0, framesDone: 0, framesTotal: 0 });
	try {
		const [detector, decoders] = await Promise.all([
			env.detector(req.settings.model),
			openDecoders(env, req, opened)
		]);
		lap('load+probe');
		const { primary, fallback } = decoders;
		// Switching decoders also changes whose name and log the outcome carries.
		const switchToFallback: Fallback = fallback && (async () => (lastDecoder = await fallback()));
		const notes = decoders.note ? [decoders.note] : [];
		lastDecoder = primary;
		const probe = primary.probe;
		const source = displaySize(probe);
		const framesTotal = Math.max(1, Math.ceil(probe.frameCount / req.settings.sampleRate));
		report({
			stage: 'sampling',
			progress: STAGE_WEIGHTS.probing,
			framesDone: 0,
			framesTotal,
			probe
		});

		const frames: SampledFrame[] = [];
		const analysis: AnalysisTimings = { detect: 0, measure: 0 };
		let analyzed = 0;
		let done = 0;
		const sampled = await sampleWithFallback(
			primary,
			switchToFallback,
			{ sampleRate: req.settings.sampleRate, longSide: DETECT_LONG_SIDE },
			(frame) => {
				analyzed++;
				const result = analyzeFrame(detector, frame, source, req.settings.confidence, analysis);
				if (result) frames.push(result);
			},
			(timeSec) => {
				done++;
				const share =
					probe.durationSec > 0 ? Math.min(1, timeSec / probe.durationSec) : done / framesTotal;
				report({
					stage: 'sampling',
					progress: STAGE_WEIGHTS.probing + STAGE_WEIGHTS.sampling * share,
					framesDone: done,
					framesTotal
				});
			}
		).catch((error: unknown) => {
			// Without a fallback a decoder failure is the video's failure, in ffmpeg's words.
			if (!fallback || error instanceof DecodeFailure) throw error;
			throw new DecodeFailure(explainFailure(describe(error)), describe(error));
		});
		if (sampled.fallbackReason) notes.push(sampled.fallbackReason);
		lap('sample+detect');
		// A damaged tail still yields what decoded before it; nothing decoded at all is a failure.
		if (analyzed === 0) {
			const details = sampled.decoder.details();
			throw new DecodeFailure(explainFailure(details), details);
		}
		// Stages both decoders report (e.g. convert after a fallback) add up.
		for (const part of [analysis, ...opened.map((d) => d.timings)]) {
			for (const [stage, sec] of Object.entries(part)) timings[stage] = (timings[stage] ?? 0) + sec;
		}

		const chosen = selectKeyframes(frames, {
			maxFrames: req.settings.maxFrames,
			minGapSec: defaultMinGapSec(probe.durationSec, req.settings.maxFrames),
			maxHashDistance: MAX_HASH_DISTANCE
		}) as SampledFrame[];
		lap('select');

		const keyframes: ExtractedKeyframe[] = [];
		let thumbnail: Blob | null = null;
		const best = chosen.reduce<SampledFrame | null>(
			(b, c) => (!b || c.score > b.score ? c : b),
			null
		);
		const fullFrames = fullFramesWithFallback(
			sampled.decoder,
			sampled.decoder === primary ? switchToFallback : null,
			chosen.map((c) => c.timeSec),
			(reason) => notes.push(reason)
		);
		let i = 0;
		for await (const canvas of fullFrames) {
			const frame = chosen[i];
			report({
				stage: 'extracting',
				progress:
					STAGE_WEIGHTS.probing +
					STAGE_WEIGHTS.sampling +
					STAGE_WEIGHTS.extracting * (i / chosen.length),
				framesDone: i,
				framesTotal: chosen.length
			});
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
		lap('extract');
		return {
			ok: true,
			probe,
			warning: sampled.complete
				? null
				: `The file is damaged or cut short; keyframes come from the part that could be decoded (${analyzed} sampled frames).`,
			keyframes,
			thumbnail,
			framesSampled: analyzed,
			framesWithFaces: frames.length,
			timings,
			decoder: lastDecoder.name,
			decoderNote: notes.length > 0 ? notes.join(' ') : null
		};
	} catch (error) {
		if (error instanceof DecodeFailure)
			return { ok: false, message: error.message, details: error.details };
		const text = describe(error);
		const details = lastDecoder?.details() ?? '';
		return { ok: false, message: explainFailure(text), details: `${text}\n\n${details}` };
	} finally {
		for (const decoder of opened) decoder.close();
	}
}
