/// <reference lib="webworker" />
// The face detector on a thread of its own, started by each extractor worker: detection (~20 ms
// a frame) runs while the extractor keeps the decoder fed, instead of starving it.
import * as Comlink from 'comlink';
import type { FaceBox } from '$lib/pipeline/types';
import { detectFaces, FaceDetectors } from './face-detector';
import { restrictFetchToOwnOrigin } from './same-origin-fetch';

restrictFetchToOwnOrigin();

let detectors: FaceDetectors | null = null;

export interface Detection {
	faces: FaceBox[];
	/** Seconds inside `detect()`, for the profile. */
	seconds: number;
}

const api = {
	/** Faces in `image` (detached by the transfer), in source pixels (`scale` × image pixels). */
	async detect(
		wasmBase: string,
		modelUrl: string,
		image: ImageData,
		scale: number,
		minScore: number
	): Promise<Detection> {
		detectors ??= new FaceDetectors(wasmBase);
		const detector = await detectors.get(modelUrl);
		const started = performance.now();
		const faces = detectFaces(detector, image, scale, minScore);
		return { faces, seconds: (performance.now() - started) / 1000 };
	},

	/** Faces in a still photo, at its own size. */
	async detectBlob(
		wasmBase: string,
		modelUrl: string,
		image: Blob,
		minScore: number
	): Promise<FaceBox[]> {
		detectors ??= new FaceDetectors(wasmBase);
		const detector = await detectors.get(modelUrl);
		const bitmap = await createImageBitmap(image);
		try {
			return detectFaces(detector, bitmap, 1, minScore);
		} finally {
			bitmap.close();
		}
	}
};

export type FaceDetectorApi = typeof api;

Comlink.expose(api);
