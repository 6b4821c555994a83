// Where each frame of a stream sits in presentation order, from its packets' times: the frame
// index a pass from the first frame would count, known before decoding (so a time range can
// start at its first sampled frame, and packets that are not sampled can be told apart).
import { lowerBound } from './lower-bound';
import type { SamplePosition } from './sampling-ledger';

/**
 * A packet's time and the decoded frame's differ in the last bits (the decoder counts in µs and
 * rounds to the track's time base): both are compared in steps of 10 µs, far below any frame gap.
 */
const timeKey = (timeSec: number) => Math.round(timeSec * 1e5);

/** Frame positions in presentation order, from the packets' timestamps (any order). */
export class FrameGrid {
	readonly #index = new Map<number, number>();
	readonly #times: number[];
	/** The least time between two frames (Infinity with fewer than two). */
	readonly shortestGapSec: number;

	constructor(timestamps: Iterable<number>) {
		this.#times = [...timestamps].sort((a, b) => a - b);
		this.#times.forEach((t, i) => this.#index.set(timeKey(t), i));
		let gap = Infinity;
		for (let i = 1; i < this.#times.length; i++)
			gap = Math.min(gap, this.#times[i] - this.#times[i - 1]);
		this.shortestGapSec = gap;
	}

	/** The first frame sampling every `sampleRate`-th frame takes at or after `timeSec`. */
	firstSampledFrom(timeSec: number, sampleRate: number): SamplePosition | null {
		const lo = lowerBound(this.#times, timeSec, timeKey);
		const frameIndex = Math.ceil(lo / sampleRate) * sampleRate;
		return frameIndex < this.#times.length
			? { frameIndex, timeSec: this.#times[frameIndex] }
			: null;
	}

	/**
	 * The times of the frames sampling every `sampleRate`-th frame takes from frame `fromIndex` on
	 * (itself one of them): `count` of them, or all to the end when null.
	 */
	sampledTimes(fromIndex: number, sampleRate: number, count: number | null): number[] {
		const times: number[] = [];
		for (let i = fromIndex; i < this.#times.length; i += sampleRate) {
			if (count !== null && times.length === count) break;
			times.push(this.#times[i]);
		}
		return times;
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
