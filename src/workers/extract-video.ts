/// <reference lib="webworker" />
// One video, start to finish: probe → sample + detect (one ffmpeg pass) → score → select →
// extract the chosen frames at full size. Pure decisions live in src/lib/pipeline.
import type { FaceDetector } from '@mediapipe/tasks-vision';
import { explainFailure } from '$lib/pipeline/failure-message';
import { rgbaToGray } from '$lib/pipeline/gray';
import { perceptualHash } from '$lib/pipeline/perceptual-hash';
import { bestFace, scoreFrame } from '$lib/pipeline/score';
import { defaultMinGapSec, selectKeyframes } from '$lib/pipeline/select';
import { laplacianVariance, normalizeSharpness } from '$lib/pipeline/sharpness';
import type { FaceBox, FrameCandidate } from '$lib/pipeline/types';
import type {
	ExtractedKeyframe,
	ExtractOutcome,
	ExtractProgress,
	ExtractRequest,
	ProbeInfo
} from '$lib/workers/extractor-protocol';
import { detectFaces } from './face-detector';
import type { FFmpegRunner } from './ffmpeg-runner';
import { rgbaCanvas, thumbnailJpeg, toJpeg, videoThumbnailJpeg } from './jpeg';
import { displaySize, probeVideo } from './probe';

/** Long side of the frames the detector sees: detection costs ~7 ms at 640×360, ~63 ms at 1080p. */
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

interface SampledFrame extends FrameCandidate {
	faces: FaceBox[];
	sharpness: number;
}

class Failure extends Error {
	constructor(
		message: string,
		readonly details: string
	) {
		super(message);
	}
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

/** Generous per-exec limit so a stuck decode fails instead of hanging: 60 s + 20× real time. */
function execTimeoutMs(durationSec: number) {
	return (60 + durationSec * 20) * 1000;
}

const SHOWINFO = /Parsed_showinfo.*\bn:\s*(\d+)\s+pts:\s*\S+\s+pts_time:(\S+).*\bs:(\d+)x(\d+)/;

/**
 * Decodes every `sampleRate`-th frame scaled for detection, in a single ffmpeg pass. Frames go
 * to MEMFS one file each and are consumed (detected, scored, deleted) while ffmpeg still runs:
 * when showinfo announces frame k, frame k-1's file is complete. Memory stays flat.
 */
function sampleAndDetect(
	ffmpeg: FFmpegRunner,
	input: string,
	probe: ProbeInfo,
	req: ExtractRequest,
	detector: FaceDetector,
	progress: (done: number, timeSec: number) => void
): { frames: SampledFrame[]; sampled: number; ret: number } {
	const { sampleRate, confidence } = req.settings;
	const source = displaySize(probe);
	const frames: SampledFrame[] = [];
	let pending: { k: number; timeSec: number; w: number; h: number } | null = null;
	let sampled = 0;
	let consumeError: unknown = null;

	const consume = (f: { k: number; timeSec: number; w: number; h: number }) => {
		const name = `s_${f.k}.rgba`;
		const rgba = ffmpeg.readOutput(name);
		ffmpeg.removeOutput(name);
		sampled++;
		const frameIndex = f.k * sampleRate;
		const image = new ImageData(
			new Uint8ClampedArray(rgba.buffer as ArrayBuffer, rgba.byteOffset, f.w * f.h * 4),
			f.w,
			f.h
		);
		const scale = source.width / f.w;
		const faces = detectFaces(detector, image, scale, confidence);
		progress(sampled, f.timeSec);
		if (faces.length === 0) return;
		const best = bestFace(faces, source.width, source.height)!;
		const gray = rgbaToGray(image.data, f.w, f.h);
		const region = {
			x: best.x / scale,
			y: best.y / scale,
			width: best.width / scale,
			height: best.height / scale
		};
		const sharpness = normalizeSharpness(laplacianVariance(gray, region));
		frames.push({
			frameIndex,
			timeSec: f.timeSec,
			faces,
			sharpness,
			score: scoreFrame({ faces, frameWidth: source.width, frameHeight: source.height, sharpness }),
			hash: perceptualHash(gray)
		});
	};

	ffmpeg.clearOutputs();
	const ret = ffmpeg.exec(
		[
			'-i',
			input,
			'-an',
			'-sn',
			'-dn',
			'-vf',
			`select='not(mod(n\\,${sampleRate}))',` +
				`scale='min(${DETECT_LONG_SIDE},iw)':'min(${DETECT_LONG_SIDE},ih)':force_original_aspect_ratio=decrease:flags=bilinear,` +
				'format=rgba,showinfo',
			'-fps_mode',
			'passthrough',
			'-f',
			'image2',
			'-start_number',
			'0',
			'-c:v',
			'rawvideo',
			'/output/s_%d.rgba'
		],
		(line) => {
			const m = SHOWINFO.exec(line);
			if (!m || consumeError) return;
			// Never let an exception unwind through ffmpeg's wasm stack: keep it for after exec.
			try {
				if (pending) consume(pending);
			} catch (error) {
				consumeError = error;
			}
			pending = { k: Number(m[1]), timeSec: Number(m[2]), w: Number(m[3]), h: Number(m[4]) };
		},
		execTimeoutMs(probe.durationSec)
	);
	if (consumeError) throw consumeError;
	// The last announced frame is complete once ffmpeg returns (if it got written at all).
	const last = pending as { k: number; timeSec: number; w: number; h: number } | null;
	if (last && ffmpeg.hasOutput(`s_${last.k}.rgba`)) consume(last);
	return { frames, sampled, ret };
}

/** Decodes one frame at full resolution as RGBA; seeks to just before its timestamp. */
function decodeFullFrame(
	ffmpeg: FFmpegRunner,
	input: string,
	probe: ProbeInfo,
	timeSec: number
): { rgba: Uint8Array; width: number; height: number } {
	let size: [number, number] | null = null;
	const seek = Math.max(0, timeSec - 0.5 / probe.fps);
	const ret = ffmpeg.exec(
		[
			'-ss',
			seek.toFixed(6),
			'-i',
			input,
			'-an',
			'-sn',
			'-dn',
			'-frames:v',
			'1',
			'-vf',
			'format=rgba,showinfo',
			'-f',
			'rawvideo',
			'/output/full.rgba'
		],
		(line) => {
			const m = SHOWINFO.exec(line);
			if (m) size = [Number(m[3]), Number(m[4])];
		},
		execTimeoutMs(10)
	);
	const dims = size as [number, number] | null;
	if (ret !== 0 || !dims || !ffmpeg.hasOutput('full.rgba')) {
		throw new Failure(explainFailure(ffmpeg.logTail()), ffmpeg.logTail());
	}
	const rgba = ffmpeg.readOutput('full.rgba');
	ffmpeg.removeOutput('full.rgba');
	return { rgba, width: dims[0], height: dims[1] };
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

	report({ stage: 'probing', progress: 0, framesDone: 0, framesTotal: 0 });
	const [ffmpeg, detector] = await Promise.all([env.ffmpeg(), env.detector(req.settings.model)]);
	lap('load');
	const input = ffmpeg.mountInput(req.file);
	try {
		const probe = probeVideo(ffmpeg, input);
		if (!probe) throw new Failure(explainFailure(ffmpeg.logTail()), ffmpeg.logTail());
		lap('probe');
		const framesTotal = Math.max(1, Math.ceil(probe.frameCount / req.settings.sampleRate));
		report({
			stage: 'sampling',
			progress: STAGE_WEIGHTS.probing,
			framesDone: 0,
			framesTotal,
			probe
		});

		const sampling = sampleAndDetect(ffmpeg, input, probe, req, detector, (done, timeSec) => {
			const share =
				probe.durationSec > 0 ? Math.min(1, timeSec / probe.durationSec) : done / framesTotal;
			report({
				stage: 'sampling',
				progress: STAGE_WEIGHTS.probing + STAGE_WEIGHTS.sampling * share,
				framesDone: done,
				framesTotal
			});
		});
		lap('sample+detect');
		// A damaged tail still yields what decoded before it; nothing decoded at all is a failure.
		if (sampling.sampled === 0) {
			throw new Failure(explainFailure(ffmpeg.logTail()), ffmpeg.logTail());
		}

		const chosen = selectKeyframes(sampling.frames, {
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
		for (const [i, frame] of chosen.entries()) {
			report({
				stage: 'extracting',
				progress:
					STAGE_WEIGHTS.probing +
					STAGE_WEIGHTS.sampling +
					STAGE_WEIGHTS.extracting * (i / chosen.length),
				framesDone: i,
				framesTotal: chosen.length
			});
			const full = decodeFullFrame(ffmpeg, input, probe, frame.timeSec);
			const canvas = rgbaCanvas(full.rgba, full.width, full.height);
			const [image, thumb] = await Promise.all([toJpeg(canvas), thumbnailJpeg(canvas)]);
			if (frame === best) {
				thumbnail = await videoThumbnailJpeg(
					canvas,
					bestFace(frame.faces, full.width, full.height)
				);
			}
			keyframes.push({
				frameIndex: frame.frameIndex,
				timeSec: frame.timeSec,
				score: frame.score,
				sharpness: frame.sharpness,
				faces: frame.faces,
				width: full.width,
				height: full.height,
				image,
				thumb
			});
		}
		lap('extract');
		return {
			ok: true,
			probe,
			warning:
				sampling.ret === 0
					? null
					: `The file is damaged or cut short; keyframes come from the part that could be decoded (${sampling.sampled} sampled frames).`,
			keyframes,
			thumbnail,
			framesSampled: sampling.sampled,
			framesWithFaces: sampling.frames.length,
			timings
		};
	} catch (error) {
		if (error instanceof Failure)
			return { ok: false, message: error.message, details: error.details };
		const text =
			error instanceof Error
				? `${error.name}: ${error.message}\n${error.stack ?? ''}`
				: String(error);
		return { ok: false, message: explainFailure(text), details: `${text}\n\n${ffmpeg.logTail()}` };
	} finally {
		ffmpeg.unmountInput();
		ffmpeg.clearOutputs();
	}
}
