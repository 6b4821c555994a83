// What the pipeline needs from a decoder. Two implementations: WebCodecs (fast, the formats
// the browser decodes) and ffmpeg.wasm (everything else, and the fallback). Both feed the same
// detection, scoring and selection, so the decoder never changes what a frame is worth.
import type { DecoderName, ProbeInfo } from '$lib/workers/extractor-protocol';

/** A frame scaled for detection. `image` is valid only during the callback (buffers are reused). */
export interface SampledImage {
	/** Position in presentation order, counted from the first frame of the stream. */
	frameIndex: number;
	timeSec: number;
	image: ImageData;
}

export interface SampleOptions {
	/** Hand over every n-th frame. */
	sampleRate: number;
	/** Long side of the images handed over, in pixels (never upscaled). */
	longSide: number;
}

export interface FrameDecoder {
	readonly name: DecoderName;
	readonly probe: ProbeInfo;
	/**
	 * Decodes the video start to end and calls `onSample` for every sampled frame, in order.
	 * Resolves `complete: false` when the stream ended early (a damaged or cut file); rejects
	 * when decoding broke, after the frames it handed over.
	 */
	sample(
		options: SampleOptions,
		onSample: (frame: SampledImage) => void
	): Promise<{ complete: boolean }>;
	/** The frames at these timestamps (ascending, as handed over by `sample`), at full size. */
	fullFrames(times: readonly number[]): AsyncGenerator<OffscreenCanvas>;
	/** What explains a failure in the details view (the ffmpeg log tail, the decoder error). */
	details(): string;
	/** Seconds spent in the decoder's own stages (e.g. colour conversion), for the profile. */
	readonly timings: Record<string, number>;
	close(): void;
}
