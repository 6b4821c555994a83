// Where a sampling pass could be continued from, should the run stop (a reload, a crash): a
// state in which every sample up to `after` is accounted for (gated out, or detected and
// measured) and the candidates it yielded are exactly those up to `after`. Detections come back
// behind decoding (several frames wait at the detector, and may return out of order), so a
// sample still at the detector holds the checkpoint at the state the pass was in when that
// sample arrived.
import type { GateState } from './detect-gate';

export interface SamplePosition {
	frameIndex: number;
	timeSec: number;
}

export interface SamplingCounts {
	sampled: number;
	detected: number;
}

export interface SamplingState {
	/** The last sample accounted for; a resumed pass continues with the one after it. */
	after: SamplePosition;
	gate: GateState;
	counts: SamplingCounts;
}

export interface LedgerEntry<C> {
	state: SamplingState;
	/** Candidates up to `state.after` not given out by an earlier `take`. */
	candidates: C[];
}

export class SamplingLedger<C extends { frameIndex: number }> {
	/** The pass's state after the latest sample, settled or not. */
	#latest: SamplingState | null;
	/** Samples at the detector, in arrival order, with the state before each. */
	#waiting = new Map<number, SamplingState | null>();
	#fresh: C[] = [];

	/** `start`: the state a resumed pass continues from. */
	constructor(start: SamplingState | null = null) {
		this.#latest = start;
	}

	/**
	 * A sample was handled; `state` is the pass's state after it. `waiting`: it went to the
	 * detector and counts only once `settled`.
	 */
	handled(state: SamplingState, waiting: boolean): void {
		if (waiting) this.#waiting.set(state.after.frameIndex, this.#latest);
		this.#latest = state;
	}

	/** The detector's answer for a waiting sample came back, with the candidate it made, if any. */
	settled(frameIndex: number, candidate: C | null): void {
		this.#waiting.delete(frameIndex);
		if (candidate) this.#fresh.push(candidate);
	}

	/** The latest consistent state and its new candidates; null while no sample is accounted for. */
	take(): LedgerEntry<C> | null {
		const first = this.#waiting.values().next();
		const state = first.done ? this.#latest : first.value;
		if (!state) return null;
		const upTo = state.after.frameIndex;
		const candidates = this.#fresh.filter((c) => c.frameIndex <= upTo);
		this.#fresh = this.#fresh.filter((c) => c.frameIndex > upTo);
		return { state, candidates };
	}
}
