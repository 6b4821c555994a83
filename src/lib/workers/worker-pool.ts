// A fixed-size pool of long-lived dedicated workers wrapped with Comlink.
// Tasks queue FIFO; each runs on one free worker. Cancelling a running task terminates its
// worker (the only way to stop wasm mid-call) and a fresh one is started lazily.
import * as Comlink from 'comlink';

export class TaskAbortedError extends Error {
	constructor(reason?: unknown) {
		super(typeof reason === 'string' ? reason : 'Cancelled');
		this.name = 'AbortError';
	}
}

export class WorkerCrashedError extends Error {
	constructor(detail: string) {
		super(`The worker stopped unexpectedly: ${detail}`);
		this.name = 'WorkerCrashedError';
	}
}

export type PoolJob<Api, T> = (api: Comlink.Remote<Api>) => Promise<T>;

interface Slot<Api> {
	worker: Worker;
	api: Comlink.Remote<Api>;
	/** Rejects the running task when the worker dies or is terminated. */
	fail: ((error: Error) => void) | null;
	busy: boolean;
}

interface QueuedTask<Api> {
	job: PoolJob<Api, unknown>;
	signal?: AbortSignal;
	resolve: (value: unknown) => void;
	reject: (error: unknown) => void;
}

export class WorkerPool<Api> {
	#createWorker: () => Worker;
	#size: number;
	#slots: Slot<Api>[] = [];
	#queue: QueuedTask<Api>[] = [];

	constructor(createWorker: () => Worker, size: number) {
		this.#createWorker = createWorker;
		this.#size = Math.max(1, Math.floor(size));
	}

	get size() {
		return this.#size;
	}

	get busyCount() {
		return this.#slots.filter((s) => s.busy).length;
	}

	get queuedCount() {
		return this.#queue.length;
	}

	/** Runs `job` on a free worker. Aborting `signal` rejects with TaskAbortedError. */
	run<T>(job: PoolJob<Api, T>, signal?: AbortSignal): Promise<T> {
		if (signal?.aborted) return Promise.reject(new TaskAbortedError(signal.reason));
		return new Promise<T>((resolve, reject) => {
			const task: QueuedTask<Api> = {
				job: job as PoolJob<Api, unknown>,
				signal,
				resolve: resolve as (v: unknown) => void,
				reject
			};
			signal?.addEventListener(
				'abort',
				() => {
					const i = this.#queue.indexOf(task);
					if (i >= 0) {
						this.#queue.splice(i, 1);
						reject(new TaskAbortedError(signal.reason));
					}
				},
				{ once: true }
			);
			this.#queue.push(task);
			this.#pump();
		});
	}

	/**
	 * Calls `prepare` on an idle worker, started if none is, without taking it: what it loads
	 * (runtimes, models) is ready for the next task there. Nothing when every worker is busy.
	 */
	warm(prepare: PoolJob<Api, unknown>): void {
		const slot = this.#freeSlot();
		if (slot) prepare(slot.api).catch(() => {});
	}

	/** Changes the number of workers; extra busy workers retire when their task ends. */
	resize(size: number) {
		this.#size = Math.max(1, Math.floor(size));
		this.#trimIdle();
		this.#pump();
	}

	/** Terminates every worker and rejects everything queued or running. */
	destroy() {
		for (const task of this.#queue.splice(0)) task.reject(new TaskAbortedError('Pool closed'));
		for (const slot of this.#slots.splice(0)) this.#kill(slot, new TaskAbortedError('Pool closed'));
	}

	#pump() {
		while (this.#queue.length > 0) {
			const slot = this.#freeSlot();
			if (!slot) return;
			const task = this.#queue.shift()!;
			this.#start(slot, task);
		}
	}

	#freeSlot(): Slot<Api> | null {
		const idle = this.#slots.find((s) => !s.busy);
		if (idle) return idle;
		if (this.#slots.length >= this.#size) return null;
		const slot = this.#spawn();
		this.#slots.push(slot);
		return slot;
	}

	#spawn(): Slot<Api> {
		const worker = this.#createWorker();
		const slot: Slot<Api> = { worker, api: Comlink.wrap<Api>(worker), fail: null, busy: false };
		const crashed = (detail: string) => {
			this.#kill(slot, new WorkerCrashedError(detail));
			this.#pump();
		};
		worker.addEventListener('error', (e) => {
			e.preventDefault();
			crashed(e.message || 'script error');
		});
		worker.addEventListener('messageerror', () => crashed('a message could not be read'));
		return slot;
	}

	#start(slot: Slot<Api>, task: QueuedTask<Api>) {
		slot.busy = true;
		let settled = false;
		const finish = (ok: boolean, value: unknown) => {
			if (settled) return;
			settled = true;
			task.signal?.removeEventListener('abort', onAbort);
			slot.fail = null;
			slot.busy = false;
			if (ok) task.resolve(value);
			else task.reject(value);
			this.#trimIdle();
			this.#pump();
		};
		const onAbort = () => {
			// Kill first so the slot cannot be handed the next task.
			this.#kill(slot, null);
			finish(false, new TaskAbortedError(task.signal?.reason));
		};
		slot.fail = (error) => finish(false, error);
		task.signal?.addEventListener('abort', onAbort, { once: true });
		task.job(slot.api).then(
			(value) => finish(true, value),
			(error: unknown) => finish(false, error)
		);
	}

	/** Terminates a slot's worker and removes it; a replacement is spawned when next needed. */
	#kill(slot: Slot<Api>, error: Error | null) {
		const i = this.#slots.indexOf(slot);
		if (i >= 0) this.#slots.splice(i, 1);
		slot.api[Comlink.releaseProxy]();
		slot.worker.terminate();
		if (error) slot.fail?.(error);
		slot.fail = null;
	}

	#trimIdle() {
		while (this.#slots.length > this.#size) {
			const idle = this.#slots.find((s) => !s.busy);
			if (!idle) return;
			this.#kill(idle, null);
		}
	}
}
