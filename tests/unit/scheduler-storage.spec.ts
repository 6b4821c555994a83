import 'fake-indexeddb/auto';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { Scheduler } from '$lib/batch/scheduler';
import { createDatabase, type KffDatabase } from '$lib/db/database';
import type { VideoRecord } from '$lib/db/types';
import { addVideosToBatch } from '$lib/db/videos';
import type {
	EmbedKeyframesRequest,
	ExtractOutcome,
	ExtractorApi
} from '$lib/workers/extractor-protocol';
import type { WorkerPool } from '$lib/workers/worker-pool';
import { ExtractorClient } from '$lib/workers/extractor-client';
import { completedOutcome, keyframeFields } from '../support/records';
import { testBatch, testFiles } from '../support/seed-videos';

// The scheduler with a stand-in pool: every video "extracts" two keyframes at once, the first
// with a face, which People embeds afterwards.
const face = { x: 0, y: 0, width: 2, height: 2, score: 0.9, keypoints: [] };
const outcome: ExtractOutcome = {
	...completedOutcome(
		[0, 25].map((frameIndex) => ({
			...keyframeFields(frameIndex, 25, 4),
			faces: frameIndex === 0 ? [face] : []
		}))
	),
	thumbnail: new Blob(['t'])
};
const embedding = Array.from({ length: 128 }, (_, i) => (i === 0 ? 1 : 0));
const api = {
	extract: () => Promise.resolve(outcome),
	embedKeyframes: vi.fn(async ({ keyframes }: EmbedKeyframesRequest) => ({
		embeddings: keyframes.flatMap((k) =>
			k.faces.map((_, faceIndex) => ({ ...k, faceIndex, embedding }))
		),
		loadSec: 0.5,
		embedSec: 0.25
	}))
} as unknown as ExtractorApi;
const pool = {
	run: (job: (a: ExtractorApi) => Promise<unknown>) => job(api),
	resize: () => {}
} as unknown as WorkerPool<ExtractorApi>;
const assets = () => ({
	ffmpegCore: '',
	ffmpegWasm: '',
	liteRtBase: '',
	faceDetectorWorker: '',
	webCodecsSamplerWorker: '',
	ffmpegHelperWorker: '',
	faceLandmarks: '',
	models: { full: '', short: '' },
	people: { wasmBase: '', manifest: '' }
});
const extractor = new ExtractorClient(pool, assets);

let db: KffDatabase;
beforeEach(() => {
	vi.useFakeTimers({ toFake: ['setInterval'] }); // the stall check
	db = createDatabase(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
	vi.useRealTimers();
	await db.delete();
});

async function runBatch(scheduler: Scheduler, count: number): Promise<VideoRecord[]> {
	const batch = testBatch();
	const videos = await addVideosToBatch(db, batch, testFiles(count));
	await scheduler.startBatch(batch.id);
	await vi.waitFor(async () => expect((await db.batches.get(batch.id))?.state).toBe('done'));
	return videos;
}

it('keeps the original after a successful save by default', async () => {
	const [v] = await runBatch(new Scheduler(db, extractor), 1);
	expect(await db.videos.get(v.id)).toMatchObject({ status: 'completed', hasOriginal: true });
	expect(await db.videoBlobs.get(v.id)).toBeDefined();
});

it('removes the original after a successful save when originals are not kept', async () => {
	const [v] = await runBatch(new Scheduler(db, extractor, { keepOriginals: () => false }), 1);
	expect(await db.videos.get(v.id)).toMatchObject({
		status: 'completed',
		hasOriginal: false,
		keyframeCount: 2
	});
	expect(await db.videoBlobs.get(v.id)).toBeUndefined();
	expect(await db.keyframes.count()).toBe(2);
});

it('a save that hits the quota fails that video only, says so, and damages nothing', async () => {
	// Every keyframe write of the second video fails the way a full disk does.
	let victim = '';
	db.use({
		stack: 'dbcore',
		name: 'quota',
		create: (down) => ({
			...down,
			table: (name) => {
				const table = down.table(name);
				return {
					...table,
					mutate: (req) =>
						name === 'keyframes' &&
						req.type === 'add' &&
						(req.values as { videoId: string }[]).some((k) => k.videoId === victim)
							? Promise.reject(
									new DOMException('The quota has been exceeded.', 'QuotaExceededError')
								)
							: table.mutate(req)
				};
			}
		})
	});
	const scheduler = new Scheduler(db, extractor, { keepOriginals: () => false });
	db.videos.hook('creating', (_key, video) => {
		if (video.batchPosition === 1) victim = video.id;
	});
	const [ok, full, after] = await runBatch(scheduler, 3);

	expect(await db.videos.get(full.id)).toMatchObject({
		status: 'failed',
		error: { code: 'storage-full' },
		keyframeCount: 0,
		hasOriginal: true
	});
	expect(await db.videoBlobs.get(full.id)).toBeDefined(); // it can be retried once space is free
	expect(await db.keyframes.where('videoId').equals(full.id).count()).toBe(0);
	for (const v of [ok, after]) {
		expect(await db.videos.get(v.id)).toMatchObject({ status: 'completed', keyframeCount: 2 });
	}
	expect(await db.keyframes.count()).toBe(4);
});

it('People embeds a completed video’s faces after its run, or at the next start', async () => {
	const [v] = await runBatch(new Scheduler(db, extractor), 1);
	await vi.waitFor(async () => expect(await db.faces.count()).toBe(1));
	expect(await db.faces.get(`${v.id}/0/0`)).toMatchObject({ videoId: v.id, frameIndex: 0 });
	expect(await db.peopleDue.count()).toBe(0);
	// The profile says what People's embedding took, beside the run's stages.
	await vi.waitFor(async () =>
		expect((await db.videos.get(v.id))!.timings).toMatchObject({
			embed: 0.25,
			'embed load': 0.5,
			embedded: 1
		})
	);

	// A tab closed before People got to it: the next start embeds what was left.
	await db.faces.clear();
	await db.peopleDue.put({ videoId: v.id });
	await new Scheduler(db, extractor).resume();
	await vi.waitFor(async () => expect(await db.faces.count()).toBe(1));
	expect(await db.peopleDue.count()).toBe(0);
});

it('the next start applies the merges and face moves a closed tab asked for', async () => {
	const [v] = await runBatch(new Scheduler(db, extractor), 1);
	await vi.waitFor(async () => expect(await db.faces.count()).toBe(1));
	const id = `${v.id}/0/0`;
	await db.pendingEdits.add({ edit: { kind: 'move', faceId: id, to: 'new-one', newPerson: true } });
	await new Scheduler(db, extractor).resume();
	expect(await db.faces.get(id)).toMatchObject({ personId: 'new-one' });
	expect(await db.persons.toCollection().primaryKeys()).toEqual(['new-one']);
	expect(await db.pendingEdits.count()).toBe(0);
});
