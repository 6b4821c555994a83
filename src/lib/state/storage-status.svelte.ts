// How much this site stores and may store, and whether the browser keeps it under pressure.
export class StorageStatus {
	#usage = $state<number | null>(null);
	#quota = $state<number | null>(null);
	#persisted = $state<boolean | null>(null);
	#asking = $state(false);

	/** False where the browser has no StorageManager (then nothing here is known). */
	readonly supported = typeof navigator !== 'undefined' && navigator.storage !== undefined;

	/** Bytes used by this site; null until known. */
	get usage(): number | null {
		return this.#usage;
	}

	/** Bytes this site may use in total (usage included); null until known. */
	get quota(): number | null {
		return this.#quota;
	}

	/** True when the browser will not clear this site's data on its own; null until known. */
	get persisted(): boolean | null {
		return this.#persisted;
	}

	get asking(): boolean {
		return this.#asking;
	}

	async refresh() {
		if (!this.supported) return;
		const [estimate, persisted] = await Promise.all([
			navigator.storage.estimate(),
			navigator.storage.persisted()
		]);
		this.#usage = estimate.usage ?? null;
		this.#quota = estimate.quota ?? null;
		this.#persisted = persisted;
	}

	/** Asks the browser to keep the data; it may grant or refuse without asking the person. */
	async requestPersist() {
		if (!this.supported) return;
		this.#asking = true;
		try {
			this.#persisted = await navigator.storage.persist();
		} finally {
			this.#asking = false;
		}
	}
}
