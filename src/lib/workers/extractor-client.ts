// The one typed door to the extractor workers: callers pass plain values and a signal, this adds
// the asset URLs, wraps the progress callback for Comlink and queues the job on the pool (which
// owns abort: a signalled job's worker is terminated and replaced).
import * as Comlink from 'comlink';
import type { FaceBox } from '$lib/pipeline/types';
import type { ExtractionSettings, FaceModel } from '$lib/settings/extraction-settings';
import type {
	AssetUrls,
	EmbedKeyframesRequest,
	ExtractedKeyframe,
	ExtractFramesRequest,
	PhotoFaces,
	ExtractFrameOutcome,
	ExtractOutcome,
	ExtractProgress,
	ExtractorApi,
	KeyframeEmbeddings,
	SamplingCheckpoint,
	SamplingResume
} from './extractor-protocol';
import type { WorkerPool } from './worker-pool';

export interface ExtractJob {
	file: Blob;
	name: string;
	settings: ExtractionSettings;
	resume: SamplingResume | null;
	/** A reference photo's embeddings: keep only frames of that person. */
	reference: number[][] | null;
}

/** What a running job reports: progress (throttled) and checkpoints (every one counts). */
export interface ExtractListeners {
	progress(p: ExtractProgress): void;
	checkpoint(c: SamplingCheckpoint): void;
}

export class ExtractorClient {
	#pool: WorkerPool<ExtractorApi>;
	#assets: () => AssetUrls;

	constructor(pool: WorkerPool<ExtractorApi>, assets: () => AssetUrls) {
		this.#pool = pool;
		this.#assets = assets;
	}

	/** How many videos may be processed at once (workers are started and stopped to match). */
	resize(size: number) {
		this.#pool.resize(size);
	}

	/** Rejects with the pool's TaskAbortedError when `signal` fires, carrying its reason. */
	extract(
		job: ExtractJob,
		listeners: ExtractListeners,
		signal: AbortSignal
	): Promise<ExtractOutcome> {
		return this.#pool.run<ExtractOutcome>(
			(api) =>
				api.extract(
					{ ...job, assets: this.#assets() },
					Comlink.proxy((p: ExtractProgress) => listeners.progress(p)),
					Comlink.proxy((c: SamplingCheckpoint) => listeners.checkpoint(c))
				),
			signal
		);
	}

	/** Extracts chosen frames of a finished video at full size (queued like any job). */
	extractFrames(job: Omit<ExtractFramesRequest, 'assets'>): Promise<ExtractedKeyframe[]> {
		return this.#pool.run((api) => api.extractFrames({ ...job, assets: this.#assets() }));
	}

	/** One frame of a video at full size, measured as keyframes are (queued like any job). */
	extractFrame(
		file: Blob,
		settings: ExtractionSettings,
		frameIndex: number
	): Promise<ExtractFrameOutcome> {
		return this.#pool.run<ExtractFrameOutcome>((api) =>
			api.extractFrame({ file, settings, frameIndex, assets: this.#assets() })
		);
	}

	/**
	 * Has an idle worker load and run the face models (`model` for detection) while nothing is
	 * running, e.g. while files are being picked: the first video then starts with them ready.
	 * `ffmpeg`: ffmpeg.wasm's core too (~1.5 s to compile), for videos WebCodecs cannot read.
	 */
	warm(model: FaceModel, ffmpeg = false) {
		this.#pool.warm((api) => api.warm({ model, assets: this.#assets(), ffmpeg }));
	}

	/** Runs the face detector on a still photo (queued like any job). */
	detectImage(image: Blob, model: FaceModel, confidence: number): Promise<FaceBox[]> {
		return this.#pool.run((api) =>
			api.detectImage({ image, model, confidence, assets: this.#assets() })
		);
	}

	/** A reference photo's faces and their embeddings (queued like any job). */
	embedImage(image: Blob, model: FaceModel, confidence: number): Promise<PhotoFaces> {
		return this.#pool.run<PhotoFaces>((api) =>
			api.embedImage({ image, model, confidence, assets: this.#assets() })
		);
	}

	/** Identity embeddings of stored keyframes' faces (queued like any job). */
	embedKeyframes(keyframes: EmbedKeyframesRequest['keyframes']): Promise<KeyframeEmbeddings> {
		return this.#pool.run((api) => api.embedKeyframes({ keyframes, assets: this.#assets() }));
	}

	/** Why face recognition cannot run on this device, or null when it can. */
	peopleUnavailable(): Promise<string | null> {
		return this.#pool.run((api) => api.peopleUnavailable(this.#assets()));
	}
}
