// Which frames of a stream the sampling pass may leave undecoded: an H.264 picture whose slices
// all have nal_ref_idc 0 is referenced by no other picture, so dropping its packet changes
// nothing that is decoded after it (what ffmpeg's `-skip_frame noref` does). In a stream with
// B-frames about half the pictures are such; only those that are not sampled are dropped.

import type { SamplePosition } from './sampling-ledger';

/** Bytes of each NAL unit's length prefix, from an avcC record (ISO/IEC 14496-15 §5.3.3.1). */
export function avcLengthSize(avcC: Uint8Array | null): number {
	return avcC && avcC.length > 4 ? (avcC[4]! & 0b11) + 1 : 4;
}

/**
 * Whether a length-prefixed H.264 access unit is a non-reference picture: it holds at least one
 * slice (NAL types 1–5) and every slice has nal_ref_idc 0. Anything unreadable counts as a
 * reference (kept), so a damaged packet is never the reason a frame goes missing.
 */
export function isDisposableAvcPicture(data: Uint8Array, lengthSize: number): boolean {
	let slices = 0;
	let at = 0;
	while (at + lengthSize < data.length) {
		let length = 0;
		for (let i = 0; i < lengthSize; i++) length = length * 256 + data[at + i]!;
		const header = data[at + lengthSize]!;
		const type = header & 0x1f;
		if (type >= 1 && type <= 5) {
			if (header >> 5 !== 0) return false;
			slices++;
		}
		at += lengthSize + length;
	}
	return slices > 0 && at === data.length;
}

/**
 * A packet's time and the decoded frame's differ in the last bits (the decoder counts in µs and
 * rounds to the track's time base): both are compared in steps of 10 µs, far below any frame gap.
 */
const timeKey = (timeSec: number) => Math.round(timeSec * 1e5);

/** Frame positions in presentation order, from the packets' timestamps (any order). */
export class FrameGrid {
	readonly #index = new Map<number, number>();
	readonly #times: number[];

	constructor(timestamps: Iterable<number>) {
		this.#times = [...timestamps].sort((a, b) => a - b);
		this.#times.forEach((t, i) => this.#index.set(timeKey(t), i));
	}

	/** The first frame sampling every `sampleRate`-th frame takes at or after `timeSec`. */
	firstSampledFrom(timeSec: number, sampleRate: number): SamplePosition | null {
		let lo = 0;
		let hi = this.#times.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (timeKey(this.#times[mid]) < timeKey(timeSec)) lo = mid + 1;
			else hi = mid;
		}
		const frameIndex = Math.ceil(lo / sampleRate) * sampleRate;
		return frameIndex < this.#times.length
			? { frameIndex, timeSec: this.#times[frameIndex] }
			: null;
	}

	/** The frame's position counted from the stream's first frame, or undefined if not a frame. */
	indexOf(timeSec: number): number | undefined {
		return this.#index.get(timeKey(timeSec));
	}

	/** Whether the frame at `timeSec` is one that sampling every `sampleRate`-th frame takes. */
	isSampled(timeSec: number, sampleRate: number): boolean {
		const index = this.indexOf(timeSec);
		return index !== undefined && index % sampleRate === 0;
	}
}
