/// <reference lib="webworker" />
// The extractor's handle on its face-detector worker: started on first use, the model loaded
// there once (lazily, while the extractor already decodes), images handed over by transfer.
import * as Comlink from 'comlink';
import type { ModelInput } from '$lib/pipeline/blazeface';
import type { FaceBox } from '$lib/pipeline/types';
import type { AssetUrls } from '$lib/workers/extractor-protocol';
import type { FaceModel } from '$lib/settings/extraction-settings';
import type { YuvFrame } from '$lib/pipeline/yuv-to-rgba';
import type { Detection, EyeReadings, FaceDetectorApi } from './face-detector.worker';
import type { KeyframeJpegs } from './keyframe-jpegs';

/** The detector could not look at a frame (its runtime or model did not load, or it broke). */
export class DetectorFailure extends Error {
	constructor(cause: unknown) {
		super('The face detector failed.', { cause });
		this.name = 'DetectorFailure';
	}
}

export class DetectorClient {
	#api: Comlink.Remote<FaceDetectorApi> | null = null;

	#remote(assets: AssetUrls): Comlink.Remote<FaceDetectorApi> {
		this.#api ??= Comlink.wrap<FaceDetectorApi>(
			new Worker(assets.faceDetectorWorker, { type: 'module', name: 'face-detector' })
		);
		return this.#api;
	}

	/** Faces in the picture `input` was made of (its tensor is detached: transferred). */
	detect(
		assets: AssetUrls,
		model: FaceModel,
		input: ModelInput,
		scale: number,
		minScore: number
	): Promise<Detection> {
		return this.#remote(assets)
			.detect(
				assets.liteRtBase,
				model,
				assets.models[model],
				Comlink.transfer(input, [input.tensor.buffer]),
				scale,
				minScore
			)
			.catch((cause: unknown) => {
				throw new DetectorFailure(cause);
			});
	}

	/** The eyes of each face crop (their buffers are detached: transferred). */
	readEyes(assets: AssetUrls, crops: Float32Array<ArrayBuffer>[]): Promise<EyeReadings> {
		return this.#remote(assets).readEyes(
			assets.liteRtBase,
			assets.faceLandmarks,
			Comlink.transfer(
				crops,
				crops.map((c) => c.buffer)
			)
		);
	}

	/** Starts the detector's thread and has it load and run both models once. */
	warm(assets: AssetUrls, model: FaceModel): Promise<void> {
		return this.#remote(assets).warm(
			assets.liteRtBase,
			model,
			assets.models[model],
			assets.faceLandmarks
		);
	}

	/** A held frame's JPEGs, made on the detector's thread (its picture is transferred). */
	keyframeJpegs(
		assets: AssetUrls,
		frame: YuvFrame,
		cover: FaceBox | undefined | false
	): Promise<KeyframeJpegs> {
		return this.#remote(assets).keyframeJpegs(Comlink.transfer(frame, [frame.data.buffer]), cover);
	}

	detectBlob(
		assets: AssetUrls,
		model: FaceModel,
		image: Blob,
		minScore: number
	): Promise<FaceBox[]> {
		return this.#remote(assets).detectBlob(
			assets.liteRtBase,
			model,
			assets.models[model],
			image,
			minScore
		);
	}
}
