// Time the page was awake, for the stall watchdog: a laptop that sleeps an hour must not make a
// healthy video look stalled when it wakes. Between two ticks of a regular check no more than
// `maxStepMs` is counted, so a long gap (sleep, a frozen tab) adds only that much.

export class AwakeClock {
	#maxStepMs: number;
	#last: number;
	#awake = 0;

	constructor(now: number, maxStepMs: number) {
		this.#last = now;
		this.#maxStepMs = maxStepMs;
	}

	/** Milliseconds awake so far, counting the time since the previous tick up to the cap. */
	tick(now: number): number {
		this.#awake += Math.min(Math.max(0, now - this.#last), this.#maxStepMs);
		this.#last = now;
		return this.#awake;
	}
}
