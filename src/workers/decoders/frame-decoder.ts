// What the pipeline needs from a decoder. Two implementations: WebCodecs (fast, the formats
// the browser decodes) and ffmpeg.wasm (everything else, and the fallback). Both feed the same
// detection, scoring and selection, so the decoder never changes what a frame is worth.
import type { Picture } from '$lib/pipeline/picture';
import type { SamplePosition } from '$lib/pipeline/sampling-ledger';
import type { DecoderName, ProbeInfo } from '$lib/workers/extractor-protocol';

/**
 * A sampled frame: full-size YUV where the decoder has it, else RGBA at most `longSide`.
 * `picture` is valid only until the callback returns or first awaits (buffers are reused).
 */
export interface SampledPicture {
	/** Position in presentation order, counted from the first frame of the stream. */
	frameIndex: number;
	timeSec: number;
	picture: Picture;
}

/** The consumer of sampled frames; a promise it returns holds the decoder back (backpressure). */
export type OnSample = (frame: SampledPicture) => void | Promise<void>;

export interface SampleOptions {
	/** Hand over every n-th frame. */
	sampleRate: number;
	/** Long side of RGBA pictures handed over (never upscaled); YUV comes at full size. */
	longSide: number;
	/**
	 * A sampled frame to start at instead of the first frame (it is handed over again, with its
	 * index): decoding begins at the key frame before it, and the sampling grid stays the same.
	 */
	from: SamplePosition | null;
	/**
	 * Without `from`: where the chosen time range starts. A decoder that can find the sampled
	 * frame at or after it begins there (decoding from the key frame before it); one that cannot
	 * starts at the first frame, and the consumer passes over what comes before.
	 */
	startSec?: number;
	/**
	 * Called where a decoder that cannot pause inside a run (ffmpeg.wasm) is back in the event
	 * loop between runs, what was handed over before settled: the freshest point to checkpoint.
	 */
	onPause?: () => void;
}

export interface FrameDecoder {
	readonly name: DecoderName;
	readonly probe: ProbeInfo;
	/**
	 * Decodes the video to the end (from the start or `options.from`) and calls `onSample` for
	 * every sampled frame, in order;
	 * decoders that can wait await what it returns. Resolves `complete: false` when the stream ended early (a damaged or cut file); rejects
	 * when decoding broke, after the frames it handed over.
	 */
	sample(options: SampleOptions, onSample: OnSample): Promise<{ complete: boolean }>;
	/** The frames at these timestamps (ascending, as handed over by `sample`), at full size. */
	fullFrames(times: readonly number[]): AsyncGenerator<OffscreenCanvas>;
	/** What explains a failure in the details view (the ffmpeg log tail, the decoder error). */
	details(): string;
	/** Seconds spent in the decoder's own stages (e.g. copying frames out), for the profile. */
	readonly timings: Record<string, number>;
	close(): void;
}
