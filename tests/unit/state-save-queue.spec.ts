// The debounce/flush engine of optimistic saves, on fake timers (setTimeout and Date.now).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SaveQueue, type SaveQueueOptions } from '$lib/state/save-queue';

interface Write {
	at: number;
	batch: [string, string][];
}

function setup(options: Partial<SaveQueueOptions<string, string>> = {}, writeMs = 0) {
	const writes: Write[] = [];
	const failures: { error: unknown; keys: string[] }[] = [];
	let inFlight = 0;
	let overlapped = false;
	const queue = new SaveQueue<string, string>({
		write: async (batch) => {
			if (inFlight > 0) overlapped = true;
			inFlight++;
			writes.push({ at: Date.now(), batch: [...batch] });
			if (writeMs > 0) await new Promise((r) => setTimeout(r, writeMs));
			inFlight--;
		},
		onFailed: (error, batch) => failures.push({ error, keys: [...batch.keys()] }),
		...options
	});
	return { queue, writes, failures, overlapped: () => overlapped };
}

/** Write times of one key. */
const timesOf = (writes: Write[], key: string) =>
	writes.filter((w) => w.batch.some(([k]) => k === key)).map((w) => w.at);

beforeEach(() => {
	vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
	vi.useRealTimers();
});

describe('SaveQueue', () => {
	it('writes a burst of changes to one key once, with the last value, 500 ms after the last', async () => {
		const { queue, writes } = setup();
		const start = Date.now();
		for (const value of ['h', 'he', 'hel', 'hell', 'hello']) {
			queue.schedule('k1', value);
			await vi.advanceTimersByTimeAsync(100);
		}
		expect(writes).toEqual([]);
		expect(queue.busy).toBe(true);
		await vi.advanceTimersByTimeAsync(400);
		expect(writes).toEqual([{ at: start + 900, batch: [['k1', 'hello']] }]);
		expect(queue.busy).toBe(false);
	});

	it('keeps writing during non-stop typing: at most one write per 500 ms, one at least every maxWait', async () => {
		const { queue, writes } = setup({ delayMs: 500, maxWaitMs: 2000 });
		const start = Date.now();
		for (let i = 0; i < 100; i++) {
			queue.schedule('note', 'x'.repeat(i + 1));
			await vi.advanceTimersByTimeAsync(50); // 5 s of typing, 20 keys/s
		}
		await vi.advanceTimersByTimeAsync(1000);
		const times = timesOf(writes, 'note');
		expect(times.length).toBeGreaterThanOrEqual(3);
		expect(times.length).toBeLessThanOrEqual(Math.ceil(6000 / 500));
		for (let i = 1; i < times.length; i++)
			expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(500);
		expect(times[0] - start).toBeLessThanOrEqual(2000);
		expect(writes.at(-1)!.batch).toEqual([['note', 'x'.repeat(100)]]);
	});

	it('debounces each key on its own', async () => {
		const { queue, writes } = setup();
		queue.schedule('a', 'a1');
		await vi.advanceTimersByTimeAsync(300);
		queue.schedule('b', 'b1');
		queue.schedule('a', 'a2');
		await vi.advanceTimersByTimeAsync(499);
		expect(writes).toEqual([]);
		await vi.advanceTimersByTimeAsync(1);
		expect(writes.flatMap((w) => w.batch).sort()).toEqual([
			['a', 'a2'],
			['b', 'b1']
		]);
	});

	it('never writes a key twice within 500 ms, even when its window closes during a slow write', async () => {
		const { queue, writes, overlapped } = setup({}, 300);
		queue.schedule('k', 'v1');
		await vi.advanceTimersByTimeAsync(500); // write of v1 starts, takes 300 ms
		queue.schedule('k', 'v2');
		queue.schedule('other', 'o1');
		await vi.advanceTimersByTimeAsync(2000);
		const times = timesOf(writes, 'k');
		expect(times).toHaveLength(2);
		expect(times[1] - times[0]).toBeGreaterThanOrEqual(500);
		expect(overlapped()).toBe(false);
		expect(writes.map((w) => w.batch)).toEqual([[['k', 'v1']], [['k', 'v2']], [['other', 'o1']]]);
	});

	it('flush writes everything waiting at once, in one batch, and resolves when stored', async () => {
		const { queue, writes } = setup({}, 10);
		queue.schedule('a', 'a1');
		queue.schedule('b', 'b1');
		const flushed = queue.flush();
		// The write starts synchronously: a flush from `pagehide` must begin inside that task.
		expect(writes).toEqual([
			{
				at: Date.now(),
				batch: [
					['a', 'a1'],
					['b', 'b1']
				]
			}
		]);
		let done = false;
		void flushed.then(() => (done = true));
		await vi.advanceTimersByTimeAsync(10);
		expect(done).toBe(true);
		expect(queue.busy).toBe(false);
		// Nothing is written a second time when the old timers would have fired.
		await vi.advanceTimersByTimeAsync(1000);
		expect(writes).toHaveLength(1);
	});

	it('flush during a running write starts the newer value at once, beside it (an unloading page runs no later step)', async () => {
		const { queue, writes, overlapped } = setup({}, 100);
		const start = Date.now();
		queue.schedule('k', 'v1');
		await vi.advanceTimersByTimeAsync(500);
		queue.schedule('k', 'v2');
		const flushed = queue.flush();
		expect(writes).toEqual([
			{ at: start + 500, batch: [['k', 'v1']] },
			{ at: start + 500, batch: [['k', 'v2']] }
		]);
		expect(overlapped()).toBe(true);
		expect(queue.busy).toBe(true);
		await vi.advanceTimersByTimeAsync(100);
		await flushed;
		expect(queue.busy).toBe(false);
		// Nothing is left to write once both have landed.
		await vi.advanceTimersByTimeAsync(1000);
		expect(writes).toHaveLength(2);
	});

	it('saveNow writes the given values at once, in one batch, replacing what was waiting', async () => {
		const { queue, writes } = setup();
		queue.schedule('a', 'old');
		await queue.saveNow(
			new Map([
				['a', 'new'],
				['b', 'new']
			])
		);
		expect(writes.map((w) => w.batch)).toEqual([
			[
				['a', 'new'],
				['b', 'new']
			]
		]);
		await vi.advanceTimersByTimeAsync(1000);
		expect(writes).toHaveLength(1);
	});

	it('reports a failed write with its values and keeps working', async () => {
		let fail = true;
		const { queue, failures, writes } = setup({
			write: (batch) => {
				writes.push({ at: Date.now(), batch: [...batch] });
				return fail ? Promise.reject(new Error('QuotaExceededError')) : Promise.resolve();
			}
		});
		queue.schedule('k', 'v1');
		await vi.advanceTimersByTimeAsync(500);
		expect(failures).toEqual([{ error: new Error('QuotaExceededError'), keys: ['k'] }]);
		expect(queue.busy).toBe(false);
		fail = false;
		queue.schedule('k', 'v2');
		await queue.flush();
		expect(writes.map((w) => w.batch)).toEqual([[['k', 'v1']], [['k', 'v2']]]);
		expect(failures).toHaveLength(1);
	});

	it('a synchronous throw in the writer is reported like a rejection', async () => {
		const { queue, failures } = setup({
			write: () => {
				throw new Error('boom');
			}
		});
		queue.schedule('k', 'v');
		await queue.flush();
		expect(failures.map((f) => f.keys)).toEqual([['k']]);
	});

	it('tells when it becomes busy and idle', async () => {
		const states: boolean[] = [];
		const { queue } = setup({ onChange: () => states.push(queue.busy) });
		queue.schedule('a', 'a1');
		await vi.advanceTimersByTimeAsync(500);
		expect(states[0]).toBe(true);
		expect(states.at(-1)).toBe(false);
	});
});
