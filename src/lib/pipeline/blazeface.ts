// BlazeFace's output turned into faces, as MediaPipe's face detection graph does it (SSD anchors,
// TensorsToDetections, weighted non-maximum suppression, letterbox removal), so that any runtime
// that runs the .tflite gives MediaPipe's faces. Plain arrays in and out.
import type { FaceBox, Point } from './types';

export interface BlazeFaceSpec {
	/** The model's square input, in pixels. */
	inputSize: number;
	/** SSD anchors: one stride per layer; layers of equal stride share one grid. */
	strides: readonly number[];
	/** Anchors per grid cell and layer: 1, or 2 with the interpolated scale (short range). */
	anchorsPerLayer: number;
}

/** MediaPipe's options for its two models (face_detection_*_range.pbtxt). */
export const BLAZEFACE: Readonly<Record<'full' | 'short', BlazeFaceSpec>> = {
	full: { inputSize: 192, strides: [4], anchorsPerLayer: 1 },
	short: { inputSize: 128, strides: [8, 16, 16, 16], anchorsPerLayer: 2 }
};

/** Values per anchor: box (x, y, w, h) then 6 keypoints (x, y). */
const COORDS = 16;
const KEYPOINTS = 6;
const SCORE_CLIP = 100;
/** Overlap (IoU) above which detections are one face, blended by score. */
const SUPPRESSION_IOU = 0.3;

/**
 * Anchor centres, normalized, in the model's output order. Every anchor has size 1
 * (`fixed_anchor_size`), so anchors of one cell differ only in their index.
 */
export function anchorCentres(spec: BlazeFaceSpec): Float32Array {
	const centres: number[] = [];
	const { strides, inputSize } = spec;
	for (let layer = 0; layer < strides.length;) {
		let last = layer;
		while (last < strides.length && strides[last] === strides[layer]) last++;
		const perCell = (last - layer) * spec.anchorsPerLayer;
		const cells = Math.ceil(inputSize / strides[layer]);
		for (let y = 0; y < cells; y++) {
			for (let x = 0; x < cells; x++) {
				for (let a = 0; a < perCell; a++) centres.push((x + 0.5) / cells, (y + 0.5) / cells);
			}
		}
		layer = last;
	}
	return Float32Array.from(centres);
}

/** A detection in the model's normalized input space (0..1 over the square). */
export interface RawFace {
	xmin: number;
	ymin: number;
	xmax: number;
	ymax: number;
	score: number;
	/** x, y pairs. */
	keypoints: Float32Array;
}

function sigmoid(raw: number): number {
	const clipped = Math.max(-SCORE_CLIP, Math.min(SCORE_CLIP, raw));
	return 1 / (1 + Math.exp(-clipped));
}

/** The anchors whose score is at least `minScore`, decoded (TensorsToDetectionsCalculator). */
export function decodeFaces(
	spec: BlazeFaceSpec,
	anchors: Float32Array,
	regressors: Float32Array,
	scores: Float32Array,
	minScore: number
): RawFace[] {
	const size = spec.inputSize;
	const faces: RawFace[] = [];
	for (let i = 0; i < scores.length; i++) {
		const score = sigmoid(scores[i]);
		if (score < minScore) continue;
		const r = i * COORDS;
		const ax = anchors[2 * i];
		const ay = anchors[2 * i + 1];
		const cx = regressors[r] / size + ax;
		const cy = regressors[r + 1] / size + ay;
		const w = regressors[r + 2] / size;
		const h = regressors[r + 3] / size;
		const keypoints = new Float32Array(KEYPOINTS * 2);
		for (let k = 0; k < KEYPOINTS * 2; k += 2) {
			keypoints[k] = regressors[r + 4 + k] / size + ax;
			keypoints[k + 1] = regressors[r + 5 + k] / size + ay;
		}
		faces.push({
			xmin: cx - w / 2,
			ymin: cy - h / 2,
			xmax: cx + w / 2,
			ymax: cy + h / 2,
			score,
			keypoints
		});
	}
	return faces;
}

function iou(a: RawFace, b: RawFace): number {
	const w = Math.min(a.xmax, b.xmax) - Math.max(a.xmin, b.xmin);
	const h = Math.min(a.ymax, b.ymax) - Math.max(a.ymin, b.ymin);
	if (w <= 0 || h <= 0) return 0;
	const inter = w * h;
	const union =
		(a.xmax - a.xmin) * (a.ymax - a.ymin) + (b.xmax - b.xmin) * (b.ymax - b.ymin) - inter;
	return union > 0 ? inter / union : 0;
}

/**
 * MediaPipe's WEIGHTED non-maximum suppression: the best remaining face takes every face that
 * overlaps it by more than SUPPRESSION_IOU (itself included); its box and keypoints become their
 * score-weighted mean, its score stays its own.
 */
export function weightedSuppression(faces: RawFace[]): RawFace[] {
	let remaining = [...faces].sort((a, b) => b.score - a.score);
	const kept: RawFace[] = [];
	while (remaining.length > 0) {
		const top = remaining[0];
		const group: RawFace[] = [];
		const rest: RawFace[] = [];
		for (const face of remaining) (iou(face, top) > SUPPRESSION_IOU ? group : rest).push(face);
		let total = 0;
		const box = [0, 0, 0, 0];
		const keypoints = new Float32Array(top.keypoints.length);
		for (const f of group) {
			total += f.score;
			box[0] += f.xmin * f.score;
			box[1] += f.ymin * f.score;
			box[2] += f.xmax * f.score;
			box[3] += f.ymax * f.score;
			for (let k = 0; k < keypoints.length; k++) keypoints[k] += f.keypoints[k] * f.score;
		}
		kept.push({
			xmin: box[0] / total,
			ymin: box[1] / total,
			xmax: box[2] / total,
			ymax: box[3] / total,
			score: top.score,
			keypoints: keypoints.map((v) => v / total)
		});
		// A group is never empty (the top overlaps itself), but a degenerate box could be: stop.
		if (rest.length === remaining.length) break;
		remaining = rest;
	}
	return kept;
}

/**
 * Where an image of `width`×`height` sits in the model's square input when its aspect ratio is
 * kept (ImageToTensorCalculator's `keep_aspect_ratio`): the square spans the image's long side,
 * centred, and `padX`/`padY` are the empty shares on each side (0..0.5).
 */
export function letterbox(width: number, height: number): { padX: number; padY: number } {
	const long = Math.max(width, height);
	return { padX: (1 - width / long) / 2, padY: (1 - height / long) / 2 };
}

/** A face from the model's square back onto an image of `width`×`height` pixels. */
export function toImageFace(face: RawFace, width: number, height: number): FaceBox {
	const { padX, padY } = letterbox(width, height);
	const x = (v: number) => ((v - padX) / (1 - 2 * padX)) * width;
	const y = (v: number) => ((v - padY) / (1 - 2 * padY)) * height;
	const keypoints: Point[] = [];
	for (let k = 0; k < face.keypoints.length; k += 2) {
		keypoints.push({ x: x(face.keypoints[k]), y: y(face.keypoints[k + 1]) });
	}
	return {
		x: x(face.xmin),
		y: y(face.ymin),
		width: x(face.xmax) - x(face.xmin),
		height: y(face.ymax) - y(face.ymin),
		score: face.score,
		keypoints
	};
}

/** The detector's input for one picture: the letterboxed tensor, and the picture's size. */
export interface ModelInput {
	tensor: Float32Array<ArrayBuffer>;
	width: number;
	height: number;
}

/** Where each row and column of the model's input reads the picture (see `modelInput`). */
export interface Taps {
	/** The two source indices to blend, and their weights (0 for a neighbour off the picture). */
	i0: Int32Array;
	i1: Int32Array;
	w0: Float32Array;
	w1: Float32Array;
}

/**
 * The model's input taps over a `width`×`height` picture, letterboxed into the square and sampled
 * bilinearly as MediaPipe's CPU converter does (OpenCV's warpPerspective: input pixel i reads the
 * picture at i × scale, texel centres on whole numbers, black beyond the edges). Sampled the GL
 * way (centres at +0.5) the scores of small faces moved by ±0.05 against tasks-vision's; this way
 * by ±0.005.
 */
export function inputTaps(size: number, width: number, height: number): { x: Taps; y: Taps } {
	const long = Math.max(width, height);
	const scale = long / size;
	return {
		x: axisTaps(size, scale, (width - long) / 2, width),
		y: axisTaps(size, scale, (height - long) / 2, height)
	};
}

function axisTaps(size: number, scale: number, offset: number, length: number): Taps {
	const i0 = new Int32Array(size);
	const i1 = new Int32Array(size);
	const w0 = new Float32Array(size);
	const w1 = new Float32Array(size);
	const inside = (i: number) => i >= 0 && i < length;
	// Off the picture a tap weighs nothing; its index is clamped so that reading it stays in bounds.
	const clamp = (i: number) => Math.min(length - 1, Math.max(0, i));
	for (let o = 0; o < size; o++) {
		const at = o * scale + offset;
		const lo = Math.floor(at);
		const t = at - lo;
		i0[o] = clamp(lo);
		i1[o] = clamp(lo + 1);
		w0[o] = inside(lo) ? 1 - t : 0;
		w1[o] = inside(lo + 1) ? t : 0;
	}
	return { i0, i1, w0, w1 };
}

/**
 * The model's input (RGB, -1..1, rows of pixels) from an RGBA picture, through its taps; written
 * into `into` (size² × 3, every element) when given, for a caller that reuses its buffers.
 */
export function modelInput(
	rgba: { width: number; height: number; data: ArrayLike<number> },
	size: number,
	taps = inputTaps(size, rgba.width, rgba.height),
	into?: Float32Array<ArrayBuffer>
): ModelInput {
	const { width, height, data } = rgba;
	const { x: xs, y: ys } = taps;
	const tensor = into ?? new Float32Array(size * size * 3);
	const stride = width * 4;
	const [xi0, xi1, xw0, xw1] = [xs.i0, xs.i1, xs.w0, xs.w1];
	// Weights carry the 0..255 → -1..1 step: the sum of a tap's four reads is the value + 1.
	const k = 2 / 255;
	for (let oy = 0; oy < size; oy++) {
		const w0 = ys.w0[oy] * k;
		const w1 = ys.w1[oy] * k;
		const o = oy * size * 3;
		// A letterbox row reads nothing: black.
		if (w0 === 0 && w1 === 0) {
			tensor.fill(-1, o, o + size * 3);
			continue;
		}
		const r0 = ys.i0[oy] * stride;
		const r1 = ys.i1[oy] * stride;
		for (let ox = 0; ox < size; ox++) {
			const c0 = xi0[ox] * 4;
			const c1 = xi1[ox] * 4;
			const v0 = xw0[ox];
			const v1 = xw1[ox];
			const a = r0 + c0;
			const b = r0 + c1;
			const c = r1 + c0;
			const d = r1 + c1;
			const p = o + ox * 3;
			tensor[p] = (data[a] * v0 + data[b] * v1) * w0 + (data[c] * v0 + data[d] * v1) * w1 - 1;
			tensor[p + 1] =
				(data[a + 1] * v0 + data[b + 1] * v1) * w0 + (data[c + 1] * v0 + data[d + 1] * v1) * w1 - 1;
			tensor[p + 2] =
				(data[a + 2] * v0 + data[b + 2] * v1) * w0 + (data[c + 2] * v0 + data[d + 2] * v1) * w1 - 1;
		}
	}
	return { tensor, width, height };
}

/** The span [start, end) of the model's input pixels that lie on the picture, along one axis. */
function onPicture(size: number, length: number, long: number): [number, number] {
	const scale = long / size;
	const offset = (length - long) / 2;
	const start = Math.max(0, Math.ceil(-offset / scale));
	return [start, Math.min(size, Math.ceil((length - offset) / scale))];
}

/**
 * The model's input as a small RGBA picture, without its letterbox bars: the frame in colour at
 * the detector's size, which sampling has anyway (a candidate's preview).
 */
export function inputPicture(
	{ tensor, width, height }: ModelInput,
	size: number
): { width: number; height: number; data: Uint8ClampedArray<ArrayBuffer> } {
	const long = Math.max(width, height);
	const [x0, x1] = onPicture(size, width, long);
	const [y0, y1] = onPicture(size, height, long);
	const w = x1 - x0;
	const h = y1 - y0;
	const data = new Uint8ClampedArray(w * h * 4);
	for (let y = 0; y < h; y++) {
		for (let x = 0; x < w; x++) {
			const i = ((y + y0) * size + x + x0) * 3;
			const o = (y * w + x) * 4;
			data[o] = (tensor[i] + 1) * 127.5;
			data[o + 1] = (tensor[i + 1] + 1) * 127.5;
			data[o + 2] = (tensor[i + 2] + 1) * 127.5;
			data[o + 3] = 255;
		}
	}
	return { width: w, height: h, data };
}
