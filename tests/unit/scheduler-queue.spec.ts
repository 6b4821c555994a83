// The queue policy with a stand-in extractor whose jobs finish when the test says so.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { Scheduler } from '$lib/batch/scheduler';
import { createDatabase, type KffDatabase } from '$lib/db/database';
import { addVideosToBatch } from '$lib/db/videos';
import type { ExtractorClient } from '$lib/workers/extractor-client';
import type { ExtractOutcome } from '$lib/workers/extractor-protocol';
import { TaskAbortedError } from '$lib/workers/worker-pool';
import { batchRecord } from '../support/records';
import { testFiles } from '../support/seed-videos';

const failed: ExtractOutcome = { ok: false, notice: { code: 'damaged' }, details: '' };

/** Jobs by video name; each waits until `finish(name)` or its signal aborts. */
function heldExtractor() {
	const started: string[] = [];
	const finishers = new Map<string, () => void>();
	const extractor = {
		resize: () => {},
		extract: (job: { name: string }, _progress: unknown, signal: AbortSignal) =>
			new Promise<ExtractOutcome>((resolve, reject) => {
				started.push(job.name);
				finishers.set(job.name, () => resolve(failed));
				signal.addEventListener('abort', () => reject(new TaskAbortedError(signal.reason)));
			})
	} as unknown as ExtractorClient;
	return { extractor, started, finish: (name: string) => finishers.get(name)?.() };
}

let db: KffDatabase;
beforeEach(() => {
	vi.useFakeTimers({ toFake: ['setInterval'] });
	db = createDatabase(`queue-${crypto.randomUUID()}`);
});
afterEach(async () => {
	vi.useRealTimers();
	await db.delete();
});

const files = (prefix: string, n: number) =>
	testFiles(n).map((f, i) => ({ ...f, name: `${prefix}${i}.mp4` }));

it("runs as many videos as the batch's concurrency, in queue order, oldest batch first", async () => {
	const { extractor, started, finish } = heldExtractor();
	const scheduler = new Scheduler(db, extractor);
	const older = batchRecord({ id: 'older', createdAt: 1, concurrency: 2 });
	const newer = batchRecord({ id: 'newer', createdAt: 2, concurrency: 2 });
	await addVideosToBatch(db, older, files('a', 3));
	await addVideosToBatch(db, newer, files('b', 1));
	await scheduler.startBatch('newer');
	await scheduler.startBatch('older');
	// Batch order is by creation: the older batch's videos go first, two at a time.
	await vi.waitFor(() => expect(started).toEqual(['a0.mp4', 'a1.mp4']));
	finish('a0.mp4');
	await vi.waitFor(() => expect(started).toEqual(['a0.mp4', 'a1.mp4', 'a2.mp4']));
	finish('a1.mp4');
	finish('a2.mp4');
	await vi.waitFor(() => expect(started).toEqual(['a0.mp4', 'a1.mp4', 'a2.mp4', 'b0.mp4']));
	expect((await db.batches.get('older'))?.state).toBe('done');
	finish('b0.mp4');
	await vi.waitFor(async () => expect((await db.batches.get('newer'))?.state).toBe('done'));
	expect(scheduler.runningIds).toEqual([]);
});

it('cancelling a batch stops its running video and cancels its pending ones', async () => {
	const { extractor, started } = heldExtractor();
	const scheduler = new Scheduler(db, extractor);
	const batch = batchRecord({ id: 'b', concurrency: 1 });
	const [first, second] = await addVideosToBatch(db, batch, files('c', 2));
	await scheduler.startBatch('b');
	await vi.waitFor(() => expect(started).toEqual(['c0.mp4']));

	await scheduler.cancelBatch('b');
	await vi.waitFor(async () => {
		expect((await db.videos.get(first.id))?.status).toBe('cancelled');
		expect((await db.videos.get(second.id))?.status).toBe('cancelled');
	});
	expect(started).toEqual(['c0.mp4']);
	expect((await db.batches.get('b'))?.state).toBe('cancelled');

	await scheduler.retry([second.id]);
	await vi.waitFor(() => expect(started).toEqual(['c0.mp4', 'c1.mp4']));
});

it('the watchdog counts awake time: a long sleep does not stall a run, 2 min awake without progress does', async () => {
	vi.useFakeTimers({ toFake: ['setInterval', 'Date'] });
	const { extractor, started } = heldExtractor();
	const scheduler = new Scheduler(db, extractor);
	const [video] = await addVideosToBatch(db, batchRecord({ id: 's' }), files('s', 1));
	await scheduler.startBatch('s');
	await vi.waitFor(() => expect(started).toEqual(['s0.mp4']));

	// The laptop sleeps for an hour: the first look after waking counts two looks at most.
	vi.setSystemTime(Date.now() + 3_600_000);
	vi.advanceTimersByTime(5_000);
	await new Promise((resolve) => setTimeout(resolve, 100)); // a stall would requeue by now
	expect(started).toEqual(['s0.mp4']);
	expect((await db.videos.get(video.id))?.attempts).toBe(1);

	// Awake and silent for over two minutes: stalled, and (a first stall) queued again.
	vi.advanceTimersByTime(125_000);
	await vi.waitFor(() => expect(started).toEqual(['s0.mp4', 's0.mp4']));
	expect((await db.videos.get(video.id))?.attempts).toBe(2);
});
