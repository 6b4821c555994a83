// The data that crosses between the app and the extractor worker. Plain, structured-cloneable.
import type { ExtractionSettings } from '$lib/settings/extraction-settings';
import type { SelectionBasis } from '$lib/pipeline/curate';
import type { FaceBox, ScoredFrame } from '$lib/pipeline/types';
import type { Notice } from '$lib/pipeline/notice';
import type { SamplingState } from '$lib/pipeline/sampling-ledger';
import type { DecoderName } from '$lib/shared/decoders';

export type { DecoderName };

/** Where the worker finds the wasm and models, all on our own origin. */
export interface AssetUrls {
	ffmpegCore: string;
	ffmpegWasm: string;
	liteRtBase: string;
	/** The face-detector worker's script, which each extractor worker starts. */
	faceDetectorWorker: string;
	/** The WebCodecs sampling thread's script, which each extractor worker starts. */
	webCodecsSamplerWorker: string;
	/** The ffmpeg helper thread's script, which each extractor worker starts. */
	ffmpegHelperWorker: string;
	models: Record<ExtractionSettings['model'], string>;
	/** MediaPipe's face landmark model, for the eyes-open factor. */
	faceLandmarks: string;
	/** The face recognition model (People): tfjs-backend-wasm's folder and the weights' manifest. */
	people: { wasmBase: string; manifest: string };
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
	/** See ScoredFrame `subject`. */
	subject?: number;
	width: number;
	height: number;
	image: Blob;
	thumb: Blob;
}

/** Where an earlier run of the same video, file and settings got to. */
export interface SamplingResume {
	/** The decoder that read up to `state.after`: a run that cannot use it starts from 0. */
	decoder: DecoderName;
	state: SamplingState;
	/** Every candidate up to `state.after`. */
	candidates: ScoredFrame[];
}

/** How far sampling got, sent every few seconds so that an interrupted run can be resumed. */
export interface SamplingCheckpoint {
	decoder: DecoderName;
	state: SamplingState;
	/** Candidates up to `state.after` that no earlier checkpoint of this run carried. */
	candidates: ScoredFrame[];
	/** The bar (0..1) at `state.after`. */
	progress: number;
	/** First checkpoint of a run that started from frame 0: an earlier run's candidates go. */
	replace: boolean;
}

export interface ExtractRequest {
	file: Blob;
	name: string;
	settings: ExtractionSettings;
	assets: AssetUrls;
	/** Continue an interrupted run instead of starting from frame 0. */
	resume: SamplingResume | null;
	/** Embeddings of a reference photo's person: keep only frames where that person is. */
	reference: number[][] | null;
}

/** A face's identity embedding (unit length), by keyframe and its index in `faces`. */
export interface FaceEmbedding {
	frameIndex: number;
	faceIndex: number;
	embedding: number[];
}

/** A video's keyframes' faces embedded, and the seconds it took (for the profile). */
export interface KeyframeEmbeddings {
	embeddings: FaceEmbedding[];
	/** Loading the recognition model (0 when this worker had it already). */
	loadSec: number;
	/** Decoding the keyframes and embedding their faces. */
	embedSec: number;
}

export type ExtractOutcome =
	| {
			ok: true;
			probe: ProbeInfo;
			keyframes: ExtractedKeyframe[];
			thumbnail: Blob | null;
			/** What the selection was made from; the run's candidates are in its checkpoints. */
			selection: SelectionBasis;
			/** Set when only part of the file could be decoded. */
			warning: Notice | null;
			/** Frames sampled and checked for faces. */
			framesSampled: number;
			framesWithFaces: number;
			/** Seconds spent per stage, for the benchmark and the details view; `detections`, `held` and `embedded` are counts (frames the detector saw, keyframes taken from held pictures, faces People embedded); `resumedAt`, when the run continued an interrupted one, is the video time it continued from. */
			timings: Record<string, number>;
			/** The decoder that finished the job, and why it is not WebCodecs when it is not. */
			decoder: DecoderName;
			decoderNote: string | null;
			/**
			 * Identity embeddings of the keyframes' faces, made in the run only when a reference
			 * photo chose its frames; otherwise none (People embeds them after the video completes).
			 */
			embeddings: FaceEmbedding[];
			/**
			 * The run's candidates as its selection ranked them (faces with their open-eye
			 * baselines, scored with them); a reference run's are only the frames it found its
			 * person in, scored on that person's face (`subject`). They replace the candidates its
			 * checkpoints stored, so that re-tuning chooses as the run did.
			 */
			candidates: ScoredFrame[];
	  }
	| {
			ok: false;
			/** What went wrong, for people. */
			notice: Notice;
			/** The ffmpeg log tail or the exception, for the details view. */
			details: string;
	  };

/** Frames of a finished video to extract at full size (a tuned selection's new ones). */
export interface ExtractFramesRequest {
	file: Blob;
	name: string;
	settings: ExtractionSettings;
	assets: AssetUrls;
	frames: ScoredFrame[];
}

/** One frame picked by hand, taken at full size as a keyframe. */
export interface ExtractFrameRequest {
	file: Blob;
	/** The video's settings: decoder, face model and confidence. */
	settings: ExtractionSettings;
	frameIndex: number;
	assets: AssetUrls;
}

export type ExtractFrameOutcome =
	{ ok: true; keyframe: ExtractedKeyframe } | { ok: false; notice: Notice; details: string };

export interface DetectImageRequest {
	image: Blob;
	model: ExtractionSettings['model'];
	confidence: number;
	assets: AssetUrls;
}

/** Stored keyframes whose faces People embeds afterwards (older videos, frames added later). */
export interface EmbedKeyframesRequest {
	keyframes: { frameIndex: number; image: Blob; faces: FaceBox[] }[];
	assets: AssetUrls;
}

/** A still photo's faces with their identity embeddings (a reference photo). */
export type PhotoFaces =
	| { ok: true; faces: FaceBox[]; embeddings: number[][] }
	| { ok: false; reason: 'not-image' | 'unavailable'; details: string };

export interface ExtractorApi {
	extract(
		request: ExtractRequest,
		onProgress: (p: ExtractProgress) => void,
		onCheckpoint: (c: SamplingCheckpoint) => void
	): Promise<ExtractOutcome>;
	/** Chosen frames of a finished video at full size, decoded again. */
	extractFrames(request: ExtractFramesRequest): Promise<ExtractedKeyframe[]>;
	/** One frame at full size, measured as keyframes are (faces, sharpness, score). */
	extractFrame(request: ExtractFrameRequest): Promise<ExtractFrameOutcome>;
	/** Faces in a still photo, so a person can compare the models on their own material. */
	detectImage(request: DetectImageRequest): Promise<FaceBox[]>;
	/** Loads the face models and runs each once, so a video that follows starts at full speed. */
	warm(request: {
		model: ExtractionSettings['model'];
		assets: AssetUrls;
		/** Also load ffmpeg.wasm's core: a video to come needs it. */
		ffmpeg: boolean;
	}): Promise<void>;
	/** Faces of a reference photo and who they are (their embeddings). */
	embedImage(request: DetectImageRequest): Promise<PhotoFaces>;
	/** Identity embeddings of stored keyframes' faces; rejects when the model cannot run. */
	embedKeyframes(request: EmbedKeyframesRequest): Promise<KeyframeEmbeddings>;
	/** Why face recognition cannot run here (null when it can): loads the model to find out. */
	peopleUnavailable(assets: AssetUrls): Promise<string | null>;
}
