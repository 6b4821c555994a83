/// <reference lib="webworker" />
// One sampled frame → its faces, sharpness, score and hash (or nothing when it has no face).
// The same for every decoder: what a frame is worth never depends on who decoded it.
import type { FaceDetector } from '@mediapipe/tasks-vision';
import { rgbaToGray } from '$lib/pipeline/gray';
import { perceptualHash } from '$lib/pipeline/perceptual-hash';
import { bestFace, scoreFrame } from '$lib/pipeline/score';
import { laplacianVariance, normalizeSharpness } from '$lib/pipeline/sharpness';
import type { FaceBox, FrameCandidate } from '$lib/pipeline/types';
import type { SampledImage } from './decoders/frame-decoder';
import { detectFaces } from './face-detector';

export interface SampledFrame extends FrameCandidate {
	faces: FaceBox[];
	sharpness: number;
}

/** Seconds spent detecting and measuring, for the profile. */
export interface AnalysisTimings {
	detect: number;
	measure: number;
}

export function analyzeFrame(
	detector: FaceDetector,
	{ frameIndex, timeSec, image }: SampledImage,
	source: { width: number; height: number },
	confidence: number,
	timings: AnalysisTimings
): SampledFrame | null {
	const t0 = performance.now();
	const scale = source.width / image.width;
	const faces = detectFaces(detector, image, scale, confidence);
	const t1 = performance.now();
	timings.detect += (t1 - t0) / 1000;
	if (faces.length === 0) return null;
	const best = bestFace(faces, source.width, source.height)!;
	const gray = rgbaToGray(image.data, image.width, image.height);
	const region = {
		x: best.x / scale,
		y: best.y / scale,
		width: best.width / scale,
		height: best.height / scale
	};
	const sharpness = normalizeSharpness(laplacianVariance(gray, region));
	const frame = {
		frameIndex,
		timeSec,
		faces,
		sharpness,
		score: scoreFrame({ faces, frameWidth: source.width, frameHeight: source.height, sharpness }),
		hash: perceptualHash(gray)
	};
	timings.measure += (performance.now() - t1) / 1000;
	return frame;
}
