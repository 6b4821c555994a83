/// <reference lib="webworker" />
// One sampled frame in two halves around its detection: `prepareFrame` takes what is needed from
// the decoder's picture at once (gray for measuring, the detector's image, a full copy to keep),
// `measureFrame` turns the detected faces into sharpness, score and hash (or nothing without a
// face). The same for every decoder: what a frame is worth never depends on who decoded it.
import { rgbaToGray } from '$lib/pipeline/gray';
import { perceptualHash } from '$lib/pipeline/perceptual-hash';
import {
	copyYuv,
	downscaleRgba,
	yuvLuma,
	yuvToRgbaArea,
	type RgbaImage
} from '$lib/pipeline/picture';
import { bestFace, scoreFrame } from '$lib/pipeline/score';
import { laplacianVariance, normalizeSharpness } from '$lib/pipeline/sharpness';
import type { FaceBox, FrameCandidate, GrayImage } from '$lib/pipeline/types';
import type { YuvFrame } from '$lib/pipeline/yuv-to-rgba';
import type { SampledPicture } from './decoders/frame-decoder';

/**
 * Long side of the image sharpness and the hash are measured on (what `normalizeSharpness` is
 * calibrated for).
 */
export const MEASURE_LONG_SIDE = 640;
/**
 * Long side of the detector's image: the models see 192×192 (full range) or 128×128 (short
 * range), letterboxed by MediaPipe, which maps boxes back. Handing it a larger image only adds
 * its own texture upload and resize (~4 ms a frame); our area-averaged step down keeps the small
 * faces that a bilinear step loses.
 */
export const DETECT_LONG_SIDE = 640;

export interface SampledFrame extends FrameCandidate {
	faces: FaceBox[];
	sharpness: number;
}

export interface PreparedFrame {
	frameIndex: number;
	timeSec: number;
	gray: GrayImage;
	/** For the detector; its buffer is handed over (detached) when detected. */
	detection: RgbaImage;
	/** The full-size picture, when asked to hold it and the decoder gave YUV. */
	full: YuvFrame | null;
}

export function prepareFrame({ frameIndex, timeSec, picture }: SampledPicture, hold: boolean) {
	if (picture.kind === 'rgba') {
		const { image } = picture;
		const gray = rgbaToGray(image.data, image.width, image.height);
		const detection = downscaleRgba(image, DETECT_LONG_SIDE);
		return { frameIndex, timeSec, gray, detection, full: null } satisfies PreparedFrame;
	}
	const { frame } = picture;
	return {
		frameIndex,
		timeSec,
		gray: yuvLuma(frame, MEASURE_LONG_SIDE),
		detection: yuvToRgbaArea(frame, DETECT_LONG_SIDE),
		full: hold ? copyYuv(frame) : null
	} satisfies PreparedFrame;
}

/** The frame as a keyframe candidate, or null when it has no face. */
export function measureFrame(
	{ frameIndex, timeSec, gray }: PreparedFrame,
	faces: FaceBox[],
	source: { width: number; height: number }
): SampledFrame | null {
	if (faces.length === 0) return null;
	const scale = source.width / gray.width;
	const best = bestFace(faces, source.width, source.height)!;
	const region = {
		x: best.x / scale,
		y: best.y / scale,
		width: best.width / scale,
		height: best.height / scale
	};
	const sharpness = normalizeSharpness(laplacianVariance(gray, region));
	return {
		frameIndex,
		timeSec,
		faces,
		sharpness,
		score: scoreFrame({ faces, frameWidth: source.width, frameHeight: source.height, sharpness }),
		hash: perceptualHash(gray)
	};
}
