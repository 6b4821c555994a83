// The data that crosses between the app and the extractor worker. Plain, structured-cloneable.
import type { ExtractionSettings } from '$lib/settings/extraction-settings';
import type { FaceBox } from '$lib/pipeline/types';
import type { Notice } from '$lib/pipeline/notice';
import type { DecoderName } from '$lib/shared/decoders';

export type { DecoderName };

/** Where the worker finds the wasm and models, all on our own origin. */
export interface AssetUrls {
	ffmpegCore: string;
	ffmpegWasm: string;
	visionWasmBase: string;
	/** The face-detector worker's script, which each extractor worker starts. */
	faceDetectorWorker: string;
	models: Record<ExtractionSettings['model'], string>;
}

export interface ProbeInfo {
	durationSec: number;
	fps: number;
	frameCount: number;
	width: number;
	height: number;
	codec: string;
	rotation: number;
	container: string;
}

export type ExtractStage = 'probing' | 'sampling' | 'extracting';

export interface ExtractProgress {
	stage: ExtractStage;
	/** 0..1 over the whole job. */
	progress: number;
	framesDone: number;
	framesTotal: number;
	/** Present once probing finished, so the UI can show duration and size early. */
	probe?: ProbeInfo;
}

export interface ExtractedKeyframe {
	frameIndex: number;
	timeSec: number;
	score: number;
	sharpness: number;
	faces: FaceBox[];
	width: number;
	height: number;
	image: Blob;
	thumb: Blob;
}

export interface ExtractRequest {
	file: Blob;
	name: string;
	settings: ExtractionSettings;
	assets: AssetUrls;
}

export type ExtractOutcome =
	| {
			ok: true;
			probe: ProbeInfo;
			keyframes: ExtractedKeyframe[];
			thumbnail: Blob | null;
			/** Set when only part of the file could be decoded. */
			warning: Notice | null;
			/** Frames sampled and checked for faces. */
			framesSampled: number;
			framesWithFaces: number;
			/** Seconds spent per stage, for the benchmark and the details view; `detections` and `held` are counts (frames the detector saw, keyframes taken from held pictures). */
			timings: Record<string, number>;
			/** The decoder that finished the job, and why it is not WebCodecs when it is not. */
			decoder: DecoderName;
			decoderNote: string | null;
	  }
	| {
			ok: false;
			/** What went wrong, for people. */
			notice: Notice;
			/** The ffmpeg log tail or the exception, for the details view. */
			details: string;
	  };

export interface DetectImageRequest {
	image: Blob;
	model: ExtractionSettings['model'];
	confidence: number;
	assets: AssetUrls;
}

export interface ExtractorApi {
	extract(
		request: ExtractRequest,
		onProgress: (p: ExtractProgress) => void
	): Promise<ExtractOutcome>;
	/** Faces in a still photo, so a person can compare the models on their own material. */
	detectImage(request: DetectImageRequest): Promise<FaceBox[]>;
}
