// Whether a face's eyes are open, from MediaPipe's face landmark model (face mesh, 468 points):
// the crop the model reads (as MediaPipe's face mesh graph cuts it from a detection), and the eye
// aspect ratio (Soukupová & Čech 2016) of its landmarks turned into 0..1. Plain arrays, no DOM.
import type { FaceBox, GrayImage } from './types';

/** The landmark model's square input, in pixels. */
export const LANDMARK_INPUT = 192;
/** Values per landmark in the model's output (x, y, z). */
const LANDMARK_STRIDE = 3;
/** MediaPipe's face mesh crop: the detection's box, squared on its long side, grown 1.5×. */
const CROP_SCALE = 1.5;
/**
 * Faces narrower than this in the analysed picture are not measured: their eyes span a few
 * pixels, too few for a lid's position to mean anything.
 */
export const MIN_MEASURED_WIDTH = 24;

/**
 * Six landmarks per eye in the face mesh, as the eye aspect ratio takes them: the two corners
 * (p1, p4), two points on the upper lid (p2, p3) and the two below them on the lower (p6, p5).
 */
const EYES = [
	[33, 160, 158, 133, 153, 144],
	[362, 385, 387, 263, 373, 380]
] as const;

/**
 * Eye aspect ratio at which the factor is 0 and 1, for any face. Measured on the fixtures' faces
 * (tests/e2e/curation-eyes.e2e.ts logs them): faces_timeline.mp4 0.166–0.399, people_two.mp4
 * 0.191–0.287 (eyes open, the lowest looking down), megamind.avi 0.164–0.429, whose lowest are
 * the cartoon's blinks. So no one ratio tells a blink for every face: these catch eyes nearly
 * shut on anyone, and the face's own open ratio (CLOSED_SHARE, OPEN_SHARE) the rest.
 */
export const CLOSED_EAR = 0.1;
export const OPEN_EAR = 0.16;

function distance(l: ArrayLike<number>, a: number, b: number): number {
	const i = a * LANDMARK_STRIDE;
	const j = b * LANDMARK_STRIDE;
	return Math.hypot(l[i] - l[j], l[i + 1] - l[j + 1]);
}

/**
 * The mean eye aspect ratio of both eyes, (|p2−p6| + |p3−p5|) / (2|p1−p4|), from the model's
 * landmarks (x, y, z per point, in any one scale: the ratio does not depend on it); null when an
 * eye's corners coincide.
 */
export function eyeAspectRatio(landmarks: ArrayLike<number>): number | null {
	let sum = 0;
	for (const [p1, p2, p3, p4, p5, p6] of EYES) {
		const width = distance(landmarks, p1, p4);
		if (!(width > 0)) return null;
		sum += (distance(landmarks, p2, p6) + distance(landmarks, p3, p5)) / (2 * width);
	}
	return sum / EYES.length;
}

/**
 * Against the face's own open eyes (`openEyeAspect`, eye-baselines.ts): the share of it at which
 * the factor is 0 and 1. megamind_h264.mp4's blinks measure 0.48 and 0.60 of the cartoon's open
 * eyes; the fixtures' open eyes (looking down included) stay above 0.8 of their face's.
 */
export const CLOSED_SHARE = 0.6;
export const OPEN_SHARE = 0.8;

const ramp = (value: number, zero: number, one: number) => {
	const t = (value - zero) / (one - zero);
	return t > 0 ? Math.min(1, t) : 0;
};

/**
 * How open the eyes are, 0 (closed) .. 1 (open), from their aspect ratio, linear in between: by
 * the fixed thresholds, and against the face's own open ratio when known (the lower of both).
 */
export function eyesOpen(ear: number, openEar?: number): number {
	const fixed = ramp(ear, CLOSED_EAR, OPEN_EAR);
	return openEar ? Math.min(fixed, ramp(ear / openEar, CLOSED_SHARE, OPEN_SHARE)) : fixed;
}

/**
 * The landmark model's input for `face` (in source pixels, `scale` source pixels per picture
 * pixel): the square MediaPipe cuts around it, turned so the eyes lie level (keypoints 0 and 1),
 * read bilinearly from the gray picture into RGB 0..1; null when the face is too small to measure.
 * Written into `into` (every element) when given, for a caller that reuses its buffers.
 */
export function landmarkInput(
	gray: GrayImage,
	face: FaceBox,
	scale: number,
	into?: Float32Array<ArrayBuffer>
): Float32Array<ArrayBuffer> | null {
	if (face.width / scale < MIN_MEASURED_WIDTH) return null;
	const [right, left] = face.keypoints;
	let ux = 1;
	let uy = 0;
	if (right && left) {
		const span = Math.hypot(left.x - right.x, left.y - right.y);
		if (span > 0) {
			ux = (left.x - right.x) / span;
			uy = (left.y - right.y) / span;
		}
	}
	const side = (Math.max(face.width, face.height) * CROP_SCALE) / scale;
	const cx = (face.x + face.width / 2) / scale;
	const cy = (face.y + face.height / 2) / scale;
	const size = LANDMARK_INPUT;
	const out = into ?? new Float32Array(size * size * 3);
	const { width, height, data } = gray;
	const at = (x: number, y: number) =>
		x >= 0 && y >= 0 && x < width && y < height ? data[y * width + x] : 0;
	for (let v = 0; v < size; v++) {
		const dv = ((v + 0.5) / size - 0.5) * side;
		for (let u = 0; u < size; u++) {
			const du = ((u + 0.5) / size - 0.5) * side;
			// Along the eye line (u) and down the face (v), in picture pixel centres.
			const sx = cx + du * ux - dv * uy - 0.5;
			const sy = cy + du * uy + dv * ux - 0.5;
			const x0 = Math.floor(sx);
			const y0 = Math.floor(sy);
			const fx = sx - x0;
			const fy = sy - y0;
			let top: number;
			let bottom: number;
			if (x0 >= 0 && y0 >= 0 && x0 + 1 < width && y0 + 1 < height) {
				// Inside the picture (nearly every pixel): read the four straight away.
				const i = y0 * width + x0;
				top = data[i] * (1 - fx) + data[i + 1] * fx;
				bottom = data[i + width] * (1 - fx) + data[i + width + 1] * fx;
			} else {
				top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
				bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
			}
			const value = (top * (1 - fy) + bottom * fy) / 255;
			const o = (v * size + u) * 3;
			out[o] = value;
			out[o + 1] = value;
			out[o + 2] = value;
		}
	}
	return out;
}

/** What the landmark model made of one face's crop. */
export interface EyeReading {
	/** Eye aspect ratio; null when the landmarks give none. */
	ear: number | null;
	/** The model's face presence, 0..1. */
	presence: number;
}

/**
 * Below this face presence the landmark model finds no face in a detector's box: the box is
 * dropped (issue #18 point 9). Not MediaPipe's 0.5: on our gray crops real but dark faces looking
 * down score low (megamind.avi's 0.0074–0.1, faces_timeline.mp4's 0.22 and 0.32), while the boxes
 * on a blurred hand in faces_timeline.mp4 (10.2 s, 11.8 s) scored 0.0003 and 0.0006; every
 * other face of the fixtures scored above 0.9. This lies between, by the geometric mean.
 */
export const MIN_FACE_PRESENCE = 0.002;

/**
 * `faces` with the eye aspect ratio of each one `readings` (by index; undefined: not measured)
 * reads, without those the model finds no face in.
 */
export function withEyes(
	faces: readonly FaceBox[],
	readings: readonly (EyeReading | undefined)[]
): FaceBox[] {
	const out: FaceBox[] = [];
	faces.forEach((face, i) => {
		const reading = readings[i];
		if (!reading) out.push(face);
		else if (reading.presence >= MIN_FACE_PRESENCE)
			out.push(reading.ear === null ? face : { ...face, eyeAspect: reading.ear });
	});
	return out;
}
