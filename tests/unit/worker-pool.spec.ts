// The pool's scheduling logic with in-process "workers": a MessageChannel whose far end exposes
// a Comlink API. The real-worker behaviour is proven in the browser tests.
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { TaskAbortedError, WorkerCrashedError, WorkerPool } from '$lib/workers/worker-pool';

interface TestApi {
	work(ms: number): Promise<{ start: number; end: number; worker: number }>;
}

let spawned = 0;
let terminated = 0;
const workers: FakeWorker[] = [];

class FakeWorker extends EventTarget {
	readonly id = ++spawned;
	#port: MessagePort;
	#far: MessagePort;

	constructor() {
		super();
		const { port1, port2 } = new MessageChannel();
		this.#port = port1;
		this.#far = port2;
		const id = this.id;
		Comlink.expose(
			{
				work: (ms: number) =>
					new Promise((resolve) => {
						const start = performance.now();
						setTimeout(() => resolve({ start, end: performance.now(), worker: id }), ms);
					})
			},
			port2
		);
		port1.addEventListener('message', (e) =>
			this.dispatchEvent(new MessageEvent('message', { data: (e as MessageEvent).data }))
		);
		port1.start();
		workers.push(this);
	}

	postMessage(message: unknown, transfer: Transferable[] = []) {
		this.#port.postMessage(message, transfer);
	}

	terminate() {
		terminated++;
		this.#port.close();
		this.#far.close();
	}

	crash() {
		this.dispatchEvent(Object.assign(new Event('error'), { message: 'boom' }));
	}
}

const newPool = (size: number) =>
	new WorkerPool<TestApi>(() => new FakeWorker() as unknown as Worker, size);
let pool: WorkerPool<TestApi>;

afterEach(() => {
	pool?.destroy();
	workers.length = 0;
	spawned = terminated = 0;
});

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
	a.start < b.end && b.start < a.end;

describe('WorkerPool', () => {
	it('with 2 workers runs two tasks at the same time', async () => {
		pool = newPool(2);
		const [a, b] = await Promise.all([
			pool.run((api) => api.work(80)),
			pool.run((api) => api.work(80))
		]);
		expect(overlaps(a, b)).toBe(true);
		expect(a.worker).not.toBe(b.worker);
	});

	it('with 1 worker runs them one after the other, in FIFO order', async () => {
		pool = newPool(1);
		const order: number[] = [];
		const tasks = [0, 1, 2].map((i) =>
			pool.run((api) => api.work(20)).then((r) => (order.push(i), r))
		);
		const [a, b, c] = await Promise.all(tasks);
		expect(overlaps(a, b) || overlaps(b, c)).toBe(false);
		expect(order).toEqual([0, 1, 2]);
		expect(spawned).toBe(1);
	});

	it('cancel terminates the running worker, rejects as aborted, and the pool keeps working', async () => {
		pool = newPool(1);
		const controller = new AbortController();
		const long = pool.run((api) => api.work(10_000), controller.signal);
		const next = pool.run((api) => api.work(10));
		await new Promise((r) => setTimeout(r, 20));
		controller.abort('cancelled');
		await expect(long).rejects.toBeInstanceOf(TaskAbortedError);
		expect(terminated).toBe(1);
		const result = await next;
		expect(result.worker).toBe(2);
	});

	it('warm prepares an idle worker without taking it: the next task runs there at once', async () => {
		pool = newPool(1);
		let prepared: { worker: number } | null = null;
		pool.warm(async (api) => (prepared = await api.work(60)));
		expect(spawned).toBe(1);
		expect(pool.busyCount).toBe(0);
		const task = await pool.run((api) => api.work(10));
		// Not queued behind the preparation: it ended first, on the same worker.
		expect(prepared).toBeNull();
		expect(task.worker).toBe(1);
		await new Promise((r) => setTimeout(r, 80));
		expect(prepared).toMatchObject({ worker: 1 });
	});

	it('warm does nothing while every worker is busy', async () => {
		pool = newPool(1);
		const running = pool.run((api) => api.work(30));
		let called = false;
		pool.warm(async () => void (called = true));
		await running;
		expect(called).toBe(false);
		expect(spawned).toBe(1);
	});

	it('a queued task that is cancelled never starts', async () => {
		pool = newPool(1);
		const controller = new AbortController();
		const first = pool.run((api) => api.work(30));
		const queued = pool.run((api) => api.work(30), controller.signal);
		controller.abort();
		await expect(queued).rejects.toBeInstanceOf(TaskAbortedError);
		await first;
		expect(pool.queuedCount).toBe(0);
		expect(terminated).toBe(0);
	});

	it('a crashed worker rejects its task and is replaced', async () => {
		pool = newPool(1);
		const task = pool.run((api) => api.work(10_000));
		await new Promise((r) => setTimeout(r, 10));
		workers[0].crash();
		await expect(task).rejects.toBeInstanceOf(WorkerCrashedError);
		expect((await pool.run((api) => api.work(5))).worker).toBe(2);
	});

	it('resize grows at once and shrinks when workers go idle', async () => {
		pool = newPool(1);
		pool.resize(3);
		const results = await Promise.all([1, 2, 3].map(() => pool.run((api) => api.work(40))));
		expect(new Set(results.map((r) => r.worker)).size).toBe(3);
		pool.resize(1);
		expect(terminated).toBe(2);
		expect(pool.size).toBe(1);
	});
});
