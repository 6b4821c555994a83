/// <reference lib="webworker" />
// One sampled frame in two halves around its detection: `prepareFrame` takes what is needed from
// the decoder's picture at once (gray for measuring, the detector's image, a full copy to keep),
// `measureFrame` turns the detected faces into sharpness, score and hash (or nothing without a
// face). The same for every decoder: what a frame is worth never depends on who decoded it.
import { rgbaToGray } from '$lib/pipeline/gray';
import { perceptualHash } from '$lib/pipeline/perceptual-hash';
import { inputPicture, modelInput, type ModelInput } from '$lib/pipeline/blazeface';
import { analysisViews, copyYuv, type RgbaImage } from '$lib/pipeline/picture';
import { plausibleFace } from '$lib/pipeline/face-check';
import { bestFace, scoreFrame } from '$lib/pipeline/score';
import { laplacianVariance, normalizeSharpness } from '$lib/pipeline/sharpness';
import type { FaceBox, GrayImage, ScoredFrame } from '$lib/pipeline/types';
import { fitWithin, type YuvFrame } from '$lib/pipeline/yuv-to-rgba';
import type { ArrayPool } from './array-pool';
import type { SampledPicture } from './decoders/frame-decoder';

/**
 * Long side of the picture the detector sees and sharpness and the hash are measured on (what
 * `normalizeSharpness` is calibrated for). The models' inputs are 192×192 (full range) and
 * 128×128 (short range), but a smaller image loses faces, measured with `npm run bench -- --only
 * quality` against this size: at 320 px the most faces in one keyframe of faces_timeline.mp4's
 * crowd fell from 4 to 3 and pedestrians_smallfaces.mp4 (confidence 0.3) from 2 to 0 keyframes;
 * at 192 px a whole person's segment of people_two.mp4 went. Per frame, 640 px costs ~4 ms more.
 */
export const ANALYSIS_LONG_SIDE = 640;

export interface PreparedFrame {
	frameIndex: number;
	timeSec: number;
	gray: GrayImage;
	/** For the detector; its buffer is handed over (detached) when detected. */
	detection: ModelInput;
	/** The full-size picture, when asked to hold it and the decoder gave YUV. */
	full: YuvFrame | null;
	/** The frame in colour at the detector's size, for its preview: what `detection` shows. */
	preview: RgbaImage;
}

/** Where a frame's gray and detector input are written: arrays given back after earlier frames. */
export interface FrameBuffers {
	gray: ArrayPool<Uint8ClampedArray>;
	tensor: ArrayPool<Float32Array<ArrayBuffer>>;
}

/**
 * `holdInto`: where to copy the full-size picture to keep it (null: not kept); `inputSize`: the
 * side of the detector model's square input.
 */
export function prepareFrame(
	{ frameIndex, timeSec, picture }: SampledPicture,
	holdInto: Uint8Array | null,
	inputSize: number,
	buffers: FrameBuffers
): PreparedFrame {
	const tensor = buffers.tensor.take(inputSize * inputSize * 3);
	if (picture.kind === 'rgba') {
		// Drawn by the decoder at ANALYSIS_LONG_SIDE already.
		const { image } = picture;
		const gray = rgbaToGray(image.data, image.width, image.height);
		const detection = modelInput(image, inputSize, undefined, tensor);
		const preview = inputPicture(detection, inputSize);
		return { frameIndex, timeSec, gray, detection, full: null, preview };
	}
	const { frame } = picture;
	const size = fitWithin(frame.width, frame.height, ANALYSIS_LONG_SIDE);
	const { gray, input } = analysisViews(frame, ANALYSIS_LONG_SIDE, inputSize, {
		gray: buffers.gray.take(size.width * size.height),
		tensor
	});
	const full = holdInto ? copyYuv(frame, holdInto) : null;
	const preview = inputPicture(input, inputSize);
	return { frameIndex, timeSec, gray, detection: input, full, preview };
}

/** The frame as a keyframe candidate of `shot`, or null when it has no face. */
export function measureFrame(
	{ frameIndex, timeSec, gray }: Pick<PreparedFrame, 'frameIndex' | 'timeSec' | 'gray'>,
	detected: FaceBox[],
	source: { width: number; height: number },
	shot?: number
): ScoredFrame | null {
	const plausible = detected.filter(plausibleFace);
	if (plausible.length === 0) return null;
	// Each face's own sharpness, so that any of them can be scored (a reference run's person,
	// a re-tune that leaves another face best).
	const scale = source.width / gray.width;
	const faces = plausible.map((face) => ({
		...face,
		sharpness: normalizeSharpness(
			laplacianVariance(gray, {
				x: face.x / scale,
				y: face.y / scale,
				width: face.width / scale,
				height: face.height / scale
			})
		)
	}));
	const sharpness = bestFace(faces, source.width, source.height)!.sharpness;
	return {
		frameIndex,
		timeSec,
		faces,
		sharpness,
		score: scoreFrame({ faces, frameWidth: source.width, frameHeight: source.height, sharpness }),
		hash: perceptualHash(gray),
		shot
	};
}
