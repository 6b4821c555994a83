/// <reference lib="webworker" />
// A worker of the extractor's own (its sampling thread, its ffmpeg helper): started on first
// use, and again on the next use after it died, whose error ends the work given to it.

export class OwnThread {
	readonly #start: () => Worker;
	readonly #name: string;
	readonly #onDeath: (error: Error) => void;
	readonly #onStart: (worker: Worker) => void;
	#worker: Worker | null = null;

	/**
	 * `name`: how the error of its death calls it; `onDeath`: fails what was given to it;
	 * `onStart`: the first messages of each new thread (what it is to load).
	 */
	constructor(
		start: () => Worker,
		name: string,
		onDeath: (error: Error) => void,
		onStart: (worker: Worker) => void = () => {}
	) {
		this.#start = start;
		this.#name = name;
		this.#onDeath = onDeath;
		this.#onStart = onStart;
	}

	/** Whether a thread is running now. */
	get running(): boolean {
		return this.#worker !== null;
	}

	/** The running thread, or a new one. */
	get(): Worker {
		if (this.#worker) return this.#worker;
		const worker = this.#start();
		worker.onerror = (event) => {
			event.preventDefault();
			worker.terminate();
			if (this.#worker === worker) this.#worker = null;
			this.#onDeath(new Error(`${this.#name} stopped: ${event.message || 'it failed to load'}`));
		};
		this.#worker = worker;
		this.#onStart(worker);
		return worker;
	}
}
