// What the stages of one video's extraction share: the worker's services, and per video the
// decoders, the progress bar, the checkpoints, the stage timer and the decoder notes of the outcome.
import type { SamplingCheckpoint } from '$lib/workers/extractor-protocol';
import type { DetectorClient } from './detector-client';
import type { FaceEmbedder } from './face-embedder';
import type { FfmpegHelper } from './decoders/ffmpeg-helper';
import type { FFmpegRunner } from './ffmpeg-runner';
import type { FrameDecoder } from './decoders/frame-decoder';
import type { Fallback } from './decoders/with-fallback';
import type { SamplingThread } from './decoders/sampling-thread';
import type { ProgressReporter } from './progress-reporter';
import type { StageTimer } from './stage-timer';

/** What the extractor worker provides to every video it runs. */
export interface ExtractorEnv {
	ffmpeg(): Promise<FFmpegRunner>;
	/** The thread a second ffmpeg.wasm instance decodes on, beside the worker's own. */
	ffmpegHelper: FfmpegHelper;
	detector: DetectorClient;
	/** The thread WebCodecs samples on. */
	sampler: SamplingThread;
	/** People's face recognition model, loaded on first use. */
	embedder(): Promise<FaceEmbedder>;
}

export interface ExtractionRun {
	primary: FrameDecoder;
	/** Opens ffmpeg.wasm when WebCodecs gives up; null when there is nothing to fall back to. */
	switchToFallback: Fallback;
	progress: ProgressReporter;
	/** Where the app stores how far sampling got (every call counts, none is throttled). */
	checkpoint: (c: SamplingCheckpoint) => void;
	timer: StageTimer;
	/** Why the decoders used are not the obvious ones, for the outcome's decoder note. */
	notes: string[];
}
