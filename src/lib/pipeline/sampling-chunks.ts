// One sampling pass cut into chunks between key frames, so that a decoder that cannot pause
// inside a run (ffmpeg.wasm's exec is synchronous) returns to the event loop between chunks.
// The frames handed over are exactly those of one uninterrupted pass: every n-th frame of the
// stream, each once, with its index counted from the first frame. Each chunk begins at the
// sample the previous one stopped at (its index and time as decoded, never estimated), so the
// grid carries over from chunk to chunk; key frames and frame rate only decide where to cut, and
// a wrong guess there costs decoding time, never a frame.
import type { SamplePosition } from './sampling-ledger';

/** Shortest stretch of video a chunk covers: each chunk pays a seek and an input open. */
export const CHUNK_MIN_SEC = 4;

export interface SampleChunk {
	/** The chunk's first sample, handed over by this chunk; null: the stream's first frame. */
	from: SamplePosition | null;
	/**
	 * Samples to decode, the last one being the next chunk's first (not handed over here);
	 * null: to the end of the stream.
	 */
	samples: number | null;
}

export interface ChunkingOptions {
	sampleRate: number;
	fps: number;
	/** Times of the key frames (seeking lands on them cheaply), ascending. Empty: one chunk. */
	keyframes: readonly number[];
	minSec?: number;
}

export class ChunkedPass {
	#options: ChunkingOptions;
	#chunk: SampleChunk;
	/** Frames before this index were handed over by an earlier pass: skipped. */
	#skipBelow = 0;
	#next: SamplePosition | null = null;
	#missed = false;
	#startedOver = false;

	/** `from`: the sample to start at (handed over again), as a resumed pass gets it. */
	constructor(options: ChunkingOptions, from: SamplePosition | null) {
		this.#options = options;
		this.#chunk = this.#plan(from);
	}

	/** Whether a seek missed its sample, so that the pass went back to the first frame. */
	get startedOver(): boolean {
		return this.#startedOver;
	}

	/** The chunk to decode now. */
	get chunk(): SampleChunk {
		return this.#chunk;
	}

	/**
	 * The k-th sample of the current chunk was decoded at `timeSec` (k counts from 0, the chunk's
	 * first sample): its position when it is to be handed over, else null.
	 */
	place(k: number, timeSec: number): SamplePosition | null {
		const { from, samples } = this.#chunk;
		const { sampleRate, fps } = this.#options;
		if (this.#missed) return null;
		const position = { frameIndex: (from?.frameIndex ?? 0) + k * sampleRate, timeSec };
		// The seek must land on the chunk's first sample; else this chunk's indices are unknown.
		if (k === 0 && from && Math.abs(timeSec - from.timeSec) >= 0.5 / fps) {
			this.#missed = true;
			return null;
		}
		if (samples !== null && k === samples - 1) {
			this.#next = position;
			return null;
		}
		return position.frameIndex < this.#skipBelow ? null : position;
	}

	/**
	 * The current chunk's decoding ended (the stream's end or the chunk's last sample): true with
	 * the next chunk in `chunk`, false when the pass is over. A seek that missed its sample makes
	 * the rest one chunk from the stream's first frame, skipping what was handed over already.
	 */
	advance(): boolean {
		const next = this.#next;
		this.#next = null;
		if (this.#missed) {
			this.#missed = false;
			this.#startedOver = true;
			this.#skipBelow = this.#chunk.from?.frameIndex ?? 0;
			this.#options = { ...this.#options, keyframes: [] };
			this.#chunk = { from: null, samples: null };
			return true;
		}
		if (!next) return false;
		this.#chunk = this.#plan(next);
		return true;
	}

	/** From `from` to the first sample at or after the first key frame `minSec` later. */
	#plan(from: SamplePosition | null): SampleChunk {
		const { keyframes, fps, sampleRate, minSec = CHUNK_MIN_SEC } = this.#options;
		const startSec = from?.timeSec ?? 0;
		const cut = keyframes.find((t) => t >= startSec + minSec);
		if (cut === undefined) return { from, samples: null };
		// Frames come every 1/fps from `from`: the sample at or after `cut` (half a frame of slack).
		const steps = Math.ceil(((cut - startSec) * fps - 0.5) / sampleRate);
		return { from, samples: Math.max(1, steps) + 1 };
	}
}
