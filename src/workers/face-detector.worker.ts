/// <reference lib="webworker" />
// The face detector on a thread of its own, started by each extractor worker: detection runs
// while the extractor keeps the decoder fed, instead of starving it. Idle once sampling has
// ended, the thread then encodes some of the keyframes (../extract-keyframes).
import * as Comlink from 'comlink';
import { BLAZEFACE, modelInput, type ModelInput } from '$lib/pipeline/blazeface';
import type { FaceBox } from '$lib/pipeline/types';
import type { FaceModel } from '$lib/settings/extraction-settings';
import { detectFaces, FaceDetectors } from './face-detector';
import { LANDMARK_INPUT, type EyeReading } from '$lib/pipeline/eyes';
import { readEyes } from './face-landmarks';
import { restrictFetchToOwnOrigin } from './same-origin-fetch';
import type { YuvFrame } from '$lib/pipeline/yuv-to-rgba';
import { yuvCanvas } from './jpeg';
import { keyframeJpegs, type KeyframeJpegs } from './keyframe-jpegs';

restrictFetchToOwnOrigin();

let detectors: FaceDetectors | null = null;
/** One detection at a time: the runtime's calls are async and would interleave (and their timing). */
let queue: Promise<unknown> = Promise.resolve();

function serially<T>(job: () => Promise<T>): Promise<T> {
	const next = queue.then(job, job);
	queue = next.catch(() => undefined);
	return next;
}

export interface Detection {
	faces: FaceBox[];
	/** Seconds inside the detector (inference and decoding), for the profile. */
	seconds: number;
	/** The input's tensor, handed back (transferred) for the extractor to reuse. */
	tensor: Float32Array<ArrayBuffer>;
}

function modelFor(runtimeBase: string, model: FaceModel, modelUrl: string) {
	detectors ??= new FaceDetectors(runtimeBase);
	return detectors.get(modelUrl, BLAZEFACE[model]);
}

export interface EyeReadings {
	readings: EyeReading[];
	/** Seconds inside the landmark model, for the profile. */
	seconds: number;
	/** The crops, handed back (transferred) for the extractor to reuse. */
	crops: Float32Array<ArrayBuffer>[];
}

const api = {
	/** Faces in the picture `input` was made of, in source pixels (`scale` × picture pixels). */
	async detect(
		runtimeBase: string,
		model: FaceModel,
		modelUrl: string,
		input: ModelInput,
		scale: number,
		minScore: number
	): Promise<Detection> {
		const loaded = await modelFor(runtimeBase, model, modelUrl);
		return serially(async () => {
			const started = performance.now();
			const faces = await detectFaces(loaded, input, scale, minScore);
			const { tensor } = input;
			const seconds = (performance.now() - started) / 1000;
			return Comlink.transfer({ faces, seconds, tensor }, [tensor.buffer]);
		});
	},

	/** The eyes of each face crop ($lib/pipeline/eyes `landmarkInput`), by the model at `modelUrl`. */
	async readEyes(
		runtimeBase: string,
		modelUrl: string,
		crops: Float32Array<ArrayBuffer>[]
	): Promise<EyeReadings> {
		detectors ??= new FaceDetectors(runtimeBase);
		const model = await detectors.compiled(modelUrl);
		return serially(async () => {
			const started = performance.now();
			const readings: EyeReading[] = [];
			for (const crop of crops) readings.push(await readEyes(model, crop));
			const seconds = (performance.now() - started) / 1000;
			return Comlink.transfer(
				{ readings, seconds, crops },
				crops.map((c) => c.buffer)
			);
		});
	},

	/**
	 * Loads the detection model and the landmark model (both fetched while the runtime loads)
	 * and runs each once on a blank input:
	 * their first runs are the slow ones (the runtime's hot code is compiled then), so a video
	 * that follows starts at full speed. Loading is shared with the runs that follow.
	 */
	async warm(
		runtimeBase: string,
		model: FaceModel,
		modelUrl: string,
		landmarksUrl: string
	): Promise<void> {
		detectors ??= new FaceDetectors(runtimeBase);
		detectors.prefetch([modelUrl, landmarksUrl]);
		const loaded = await modelFor(runtimeBase, model, modelUrl);
		const landmarks = await detectors.compiled(landmarksUrl);
		const size = loaded.spec.inputSize;
		const blank = { tensor: new Float32Array(size * size * 3), width: size, height: size };
		await serially(async () => {
			await detectFaces(loaded, blank, 1, 1);
			await readEyes(landmarks, new Float32Array(LANDMARK_INPUT * LANDMARK_INPUT * 3));
		});
	},

	/** A held frame's JPEGs (./keyframe-jpegs), `cover` as there. */
	keyframeJpegs(frame: YuvFrame, cover: FaceBox | undefined | false): Promise<KeyframeJpegs> {
		return keyframeJpegs(yuvCanvas(frame), cover);
	},

	/** Faces in a still photo, at its own size. */
	async detectBlob(
		runtimeBase: string,
		model: FaceModel,
		modelUrl: string,
		image: Blob,
		minScore: number
	): Promise<FaceBox[]> {
		const loaded = await modelFor(runtimeBase, model, modelUrl);
		const bitmap = await createImageBitmap(image);
		const { width, height } = bitmap;
		const canvas = new OffscreenCanvas(width, height);
		const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
		ctx.drawImage(bitmap, 0, 0);
		bitmap.close();
		const { data } = ctx.getImageData(0, 0, width, height);
		const input = modelInput({ width, height, data }, BLAZEFACE[model].inputSize);
		return serially(() => detectFaces(loaded, input, 1, minScore));
	}
};

export type FaceDetectorApi = typeof api;

Comlink.expose(api);
