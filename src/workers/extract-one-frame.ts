/// <reference lib="webworker" />
// One frame picked by hand: decoded at full size by the same decoders (and colour conversion) as
// every keyframe, not grabbed from the page's <video> (which shows only what the browser can
// play, scaled, with its own colours, at a time that maps to no exact frame), then measured as
// sampled frames are, so its faces, sharpness and score mean the same.
import { plausibleFace } from '$lib/pipeline/face-check';
import { frameSeekTime, frameStart } from '$lib/pipeline/frame-step';
import { rgbaToGray } from '$lib/pipeline/gray';
import { laplacianVariance, normalizeSharpness } from '$lib/pipeline/sharpness';
import type { ExtractFrameOutcome, ExtractFrameRequest } from '$lib/workers/extractor-protocol';
import { ANALYSIS_LONG_SIDE, measureFrame } from './analyze-frame';
import type { FrameDecoder } from './decoders/frame-decoder';
import { fullFramesWithFallback } from './decoders/with-fallback';
import { failureOf } from './describe-error';
import { DetectorFailure } from './detector-client';
import { EyeReader } from './eye-reader';
import type { ExtractorEnv } from './extraction-run';
import { thumbnailJpeg, toJpeg } from './jpeg';
import { openDecoders } from './open-decoders';

/** The frame at the size sharpness is calibrated for, in gray. */
function analysisGray(canvas: OffscreenCanvas) {
	const k = Math.min(1, ANALYSIS_LONG_SIDE / Math.max(canvas.width, canvas.height));
	const width = Math.max(1, Math.round(canvas.width * k));
	const height = Math.max(1, Math.round(canvas.height * k));
	const small = new OffscreenCanvas(width, height);
	const ctx = small.getContext('2d', { willReadFrequently: true })!;
	ctx.drawImage(canvas, 0, 0, width, height);
	return rgbaToGray(ctx.getImageData(0, 0, width, height).data, width, height);
}

export async function extractOneFrame(
	env: ExtractorEnv,
	req: ExtractFrameRequest
): Promise<ExtractFrameOutcome> {
	const opened: FrameDecoder[] = [];
	let lastDecoder: FrameDecoder | null = null;
	try {
		const { primary, fallback } = await openDecoders(env, req, opened);
		lastDecoder = primary;
		const { fps } = primary.probe;
		const switchTo = fallback && (async () => (lastDecoder = await fallback()));
		let canvas: OffscreenCanvas | null = null;
		const times = [frameSeekTime(req.frameIndex, fps)];
		for await (const full of fullFramesWithFallback(primary, switchTo, times, () => {})) {
			canvas = full;
		}
		if (!canvas) throw new Error(`Frame ${req.frameIndex} could not be decoded.`);
		const [image, thumb] = await Promise.all([toJpeg(canvas), thumbnailJpeg(canvas)]);
		const { model, confidence } = req.settings;
		const detected = await env.detector
			.detectBlob(req.assets, model, image, confidence)
			.catch((cause: unknown) => {
				throw new DetectorFailure(cause);
			});
		const frame = { frameIndex: req.frameIndex, timeSec: frameStart(req.frameIndex, fps) };
		const gray = analysisGray(canvas);
		const size = { width: canvas.width, height: canvas.height };
		// Eyes read as for sampled frames; a landmark model that fails leaves them unmeasured.
		const eyes = new EyeReader(
			(crops) => env.detector.readEyes(req.assets, crops),
			(reason) => console.warn(reason)
		);
		const faces = await eyes.check(gray, detected.filter(plausibleFace), size.width / gray.width);
		// A frame without a face is the picker's choice too: whole-frame sharpness, score 0.
		const measured = measureFrame({ ...frame, gray }, faces, size) ?? {
			...frame,
			faces,
			score: 0,
			sharpness: normalizeSharpness(laplacianVariance(gray))
		};
		return {
			ok: true,
			keyframe: {
				...frame,
				score: measured.score,
				sharpness: measured.sharpness,
				faces,
				...size,
				image,
				thumb
			}
		};
	} catch (error) {
		return failureOf(error, lastDecoder);
	} finally {
		for (const decoder of opened) decoder.close();
	}
}
