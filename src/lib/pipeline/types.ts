/** Plain data shared by the pure pipeline functions (no DOM types, so workers and tests can use them). */

export interface Point {
	x: number;
	y: number;
}

export interface Rect {
	x: number;
	y: number;
	width: number;
	height: number;
}

/**
 * A detected face in source-pixel coordinates. Keypoints follow MediaPipe BlazeFace order:
 * right eye, left eye, nose tip, mouth center, right ear tragion, left ear tragion
 * ("right" is the subject's right, so it appears on the image's left). May be empty.
 */
export interface FaceBox extends Rect {
	score: number;
	keypoints: Point[];
	/** Eye aspect ratio from the face landmark model (see eyes.ts); absent when not measured. */
	eyeAspect?: number;
	/**
	 * The ratio this face's eyes usually have through its shot (eye-baselines.ts), which a blink
	 * falls well below; absent when unknown (only the fixed thresholds of eyes.ts apply then).
	 */
	openEyeAspect?: number;
	/**
	 * Sharpness of this face's region (0..1, see sharpness.ts), measured while sampling; absent
	 * on faces stored before faces carried their own (the frame's `sharpness` stands in).
	 */
	sharpness?: number;
}

/** One luma byte per pixel, row-major. */
export interface GrayImage {
	width: number;
	height: number;
	data: Uint8Array | Uint8ClampedArray;
}

export interface FrameCandidate {
	frameIndex: number;
	timeSec: number;
	score: number;
	/** 64-bit perceptual hash as 16 hex chars. */
	hash: string;
	/**
	 * The shot it belongs to (shot changes counted from the start, see detect-gate.ts); absent
	 * in candidates stored before shots were counted.
	 */
	shot?: number;
	/**
	 * Index in `faces` of the face the score is about when it is not the best one: the reference
	 * photo's person in a reference run. Absent: the best face (score.ts `bestFace`).
	 */
	subject?: number;
}

/** A sampled frame with faces, measured: what selection ranks and a run's checkpoint keeps. */
export interface ScoredFrame extends FrameCandidate {
	faces: FaceBox[];
	/** Sharpness of the scored face's region (its `sharpness`). */
	sharpness: number;
	/**
	 * A small JPEG of the frame (the detector's input, 192 px on the long side with the default
	 * model), made while sampling: what the review
	 * shows of a frame a re-tuned selection chose before (or without) its full-size extraction.
	 * Absent in candidates of runs from before.
	 */
	thumb?: Blob;
}
