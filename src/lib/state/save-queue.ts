// Debounced per-key writes with an immediate flush: the engine behind optimistic saves.
// Plain TypeScript (timers, clock and writer injected) so its timing is unit-tested.

export interface Timers {
	set(callback: () => void, ms: number): unknown;
	clear(handle: unknown): void;
}

export const browserTimers: Timers = {
	set: (callback, ms) => setTimeout(callback, ms),
	clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

export interface SaveQueueOptions<K, V> {
	/**
	 * Writes one batch, all or nothing (one transaction); rejects to report a failure. It must
	 * start its transaction synchronously: `flush()` may start one while another is running, and
	 * IndexedDB commits overlapping transactions in the order they were created.
	 */
	write: (batch: Map<K, V>) => Promise<void>;
	/** Quiet time after a key's last change before it is written. */
	delayMs?: number;
	/** A key that keeps changing is still written this long after its first unsaved change. */
	maxWaitMs?: number;
	timers?: Timers;
	now?: () => number;
	onSaved?: (batch: Map<K, V>) => void;
	onFailed?: (error: unknown, batch: Map<K, V>) => void;
	/** Called whenever `busy` may have changed. */
	onChange?: () => void;
}

interface Pending<V> {
	value: V;
	timer: unknown;
	/** When the oldest unsaved change of this key was scheduled. */
	since: number;
}

/**
 * Each key is written at most once per `delayMs` window: a change waits until the key has been
 * quiet for `delayMs` (or `maxWaitMs` since its first unsaved change), and never sooner than
 * `delayMs` after that key's previous write. Later values replace earlier unwritten ones.
 * `flush()` and `saveNow()` write at once. Writes run one at a time, in order, so an older
 * value never lands after a newer one; only `flush()` starts one beside a running write (the
 * writer's transactions keep them in order).
 */
export class SaveQueue<K, V> {
	#options: SaveQueueOptions<K, V>;
	#timers: Timers;
	#now: () => number;
	#delay: number;
	#maxWait: number;
	#pending = new Map<K, Pending<V>>();
	/** Released, waiting for the writer. */
	#ready = new Map<K, V>();
	#writing = 0;
	#lastWrite = new Map<K, number>();
	#running = false;
	#drained: Promise<void> = Promise.resolve();

	constructor(options: SaveQueueOptions<K, V>) {
		this.#options = options;
		this.#timers = options.timers ?? browserTimers;
		this.#now = options.now ?? Date.now;
		this.#delay = options.delayMs ?? 500;
		this.#maxWait = Math.max(this.#delay, options.maxWaitMs ?? 2000);
	}

	/** Something is waiting or being written. */
	get busy(): boolean {
		return this.#pending.size + this.#ready.size + this.#writing > 0;
	}

	/** Queues `value` as the next state of `key`, written after the debounce. */
	schedule(key: K, value: V): void {
		if (this.#ready.has(key)) {
			// Released but not yet handed to the writer: the newer value rides along.
			this.#ready.set(key, value);
			return;
		}
		const now = this.#now();
		const existing = this.#pending.get(key);
		if (existing) this.#timers.clear(existing.timer);
		const since = existing?.since ?? now;
		this.#pending.set(key, { value, since, timer: this.#arm(key, now, since) });
		this.#changed();
	}

	/** Writes these values at once, in one batch with anything already released. */
	saveNow(values: Iterable<readonly [K, V]>): Promise<void> {
		for (const [key, value] of values) {
			this.#drop(key);
			this.#ready.set(key, value);
		}
		return this.#drain();
	}

	/** Writes everything that is waiting, now; resolves when all writes have settled. */
	flush(): Promise<void> {
		for (const [key, entry] of this.#pending) {
			this.#timers.clear(entry.timer);
			this.#ready.set(key, entry.value);
		}
		this.#pending.clear();
		if (this.#running && this.#ready.size > 0) {
			// Queued behind the running write, the rest would start from that write's success event,
			// which a page being unloaded never runs: start it now, in this task.
			const batch = this.#ready;
			this.#ready = new Map();
			return Promise.all([this.#drained, this.#writeBatch(batch)]).then(() => undefined);
		}
		return this.#drain();
	}

	#drop(key: K) {
		const entry = this.#pending.get(key);
		if (entry) this.#timers.clear(entry.timer);
		this.#pending.delete(key);
	}

	#arm(key: K, now: number, since: number): unknown {
		const quiet = Math.min(this.#delay, since + this.#maxWait - now);
		const spacing = (this.#lastWrite.get(key) ?? -Infinity) + this.#delay - now;
		return this.#timers.set(() => this.#release(key), Math.max(0, quiet, spacing));
	}

	#release(key: K) {
		const entry = this.#pending.get(key);
		if (!entry) return;
		const now = this.#now();
		if (now - (this.#lastWrite.get(key) ?? -Infinity) < this.#delay) {
			// Its previous write was delayed behind another one: keep the window.
			entry.timer = this.#arm(key, now, entry.since);
			return;
		}
		this.#pending.delete(key);
		this.#ready.set(key, entry.value);
		void this.#drain();
	}

	#drain(): Promise<void> {
		if (!this.#running) {
			this.#running = true;
			this.#drained = this.#writeAll();
		}
		return this.#drained;
	}

	async #writeAll(): Promise<void> {
		try {
			while (this.#ready.size > 0) {
				const batch = this.#ready;
				this.#ready = new Map();
				await this.#writeBatch(batch);
			}
		} finally {
			// Drops in the same step the loop sees nothing left, so no release waits unseen.
			this.#running = false;
		}
	}

	async #writeBatch(batch: Map<K, V>): Promise<void> {
		this.#writing += batch.size;
		const now = this.#now();
		for (const key of batch.keys()) this.#lastWrite.set(key, now);
		this.#changed();
		try {
			// Starts synchronously from flush(): on `pagehide` the write must begin in that task.
			await this.#options.write(batch);
			this.#writing -= batch.size;
			this.#options.onSaved?.(batch);
		} catch (error) {
			this.#writing -= batch.size;
			this.#options.onFailed?.(error, batch);
		}
		this.#changed();
	}

	#changed() {
		this.#options.onChange?.();
	}
}
