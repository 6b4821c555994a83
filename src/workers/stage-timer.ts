// Seconds per stage of one video, for the profile the benchmark and the details view read.
export class StageTimer {
	readonly seconds: Record<string, number> = {};
	#mark = performance.now();

	/** Charges the time since the last lap to `stage`. */
	lap(stage: string): void {
		const now = performance.now();
		this.add(stage, (now - this.#mark) / 1000);
		this.#mark = now;
	}

	/** Adds measured parts (e.g. a decoder's own stages); the same stage from two sources adds up. */
	add(stage: string, sec: number): void {
		this.seconds[stage] = (this.seconds[stage] ?? 0) + sec;
	}

	addAll(parts: Record<string, number>): void {
		for (const [stage, sec] of Object.entries(parts)) this.add(stage, sec);
	}
}
