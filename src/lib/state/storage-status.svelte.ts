// How much this site stores and may store, and whether the browser keeps it under pressure.

/**
 * Asks the browser to keep this site's data unless it already does. Call it in the click that
 * stores videos: Firefox asks the person, and only within a user gesture. Chromium and Safari
 * decide on their own (installed app, bookmarks, use); resolves to their answer, null if unknown.
 */
export function askPersistentStorage(): Promise<boolean | null> {
	lastAsk = ask();
	return lastAsk;
}

/** The answer being awaited, so a page opened meanwhile reads the answer, not the question. */
let lastAsk: Promise<boolean | null> = Promise.resolve(null);

async function ask(): Promise<boolean | null> {
	if (typeof navigator === 'undefined' || !navigator.storage?.persist) return null;
	if (await navigator.storage.persisted()) return true;
	return navigator.storage.persist();
}

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
		await lastAsk.catch(() => null);
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
			this.#persisted = await askPersistentStorage();
		} finally {
			this.#asking = false;
		}
	}
}
