// Reads from Blobs in large blocks and keeps the latest few. ffmpeg reads its input 32 kB at a
// time, and WORKERFS turned each read into a FileReaderSync call (a slice, a round trip to the
// browser process, a fresh buffer): measured on the pipeline bench, 2.4 s of a forced
// ffmpeg.wasm run went into them. A block serves ~30 such reads, and the passes over the same
// file (packet listing, then sampling chunk by chunk) find the blocks they share already read.

/** Bytes of `blob` from `start` to `end`, read synchronously. */
export type ReadSlice = (blob: Blob, start: number, end: number) => Uint8Array;

export const BLOCK_BYTES = 1 << 20;
/** Blocks kept (8 MB): enough for a demuxer reading two places of a file in turn. */
const KEPT_BLOCKS = 8;

export class BlockCache {
	readonly #readSlice: ReadSlice;
	readonly #blockBytes: number;
	/** Most recently used last. */
	#blocks: { blob: Blob; index: number; bytes: Uint8Array }[] = [];

	constructor(readSlice: ReadSlice, blockBytes = BLOCK_BYTES) {
		this.#readSlice = readSlice;
		this.#blockBytes = blockBytes;
	}

	/**
	 * Copies up to `length` bytes of `blob` from `position` into `into` at `offset`; returns how
	 * many (0 at the end), as a file system's read does.
	 */
	read(blob: Blob, position: number, length: number, into: Uint8Array, offset: number): number {
		const end = Math.min(blob.size, position + length);
		let at = position;
		while (at < end) {
			const index = Math.floor(at / this.#blockBytes);
			const block = this.#block(blob, index);
			const from = at - index * this.#blockBytes;
			const n = Math.min(end - at, block.length - from);
			into.set(block.subarray(from, from + n), offset + at - position);
			at += n;
		}
		return Math.max(0, end - position);
	}

	#block(blob: Blob, index: number): Uint8Array {
		const i = this.#blocks.findIndex((b) => b.blob === blob && b.index === index);
		if (i >= 0) {
			const [hit] = this.#blocks.splice(i, 1);
			this.#blocks.push(hit);
			return hit.bytes;
		}
		const start = index * this.#blockBytes;
		const bytes = this.#readSlice(blob, start, Math.min(blob.size, start + this.#blockBytes));
		this.#blocks.push({ blob, index, bytes });
		if (this.#blocks.length > KEPT_BLOCKS) this.#blocks.shift();
		return bytes;
	}
}
