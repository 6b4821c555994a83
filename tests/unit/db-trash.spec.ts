import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { expect, it } from 'vitest';
import type { KffDatabase } from '$lib/db/database';
import { useFreshDatabase } from '../support/fresh-database';
import { queryHistory, type HistoryQuery } from '$lib/db/history';
import {
	emptyTrash,
	hardDeleteVideos,
	listTrash,
	purgeTrashOlderThan,
	restoreVideos,
	softDeleteVideos
} from '$lib/db/trash';
import { loadStoredSettings } from '$lib/settings/extraction-settings';
import { DAY_MS } from '$lib/shared/trash-retention';
import { seedVideos } from '../support/seed-videos';

const byDate: HistoryQuery = { sort: 'createdAt', direction: 'asc', page: 1, pageSize: 50 };

let db: KffDatabase;
useFreshDatabase((fresh) => (db = fresh));

const seed = (count: number) => seedVideos(db, count);

async function historyIds(): Promise<string[]> {
	return (await queryHistory(db, byDate)).rows.map((v) => v.id);
}

async function leftovers(id: string) {
	return {
		video: await db.videos.get(id),
		file: await db.videoBlobs.get(id),
		keyframes: await db.keyframes.where('[videoId+frameIndex]').between([id, 0], [id, 1e9]).count(),
		annotations: await db.annotations
			.where('[videoId+frameIndex]')
			.between([id, 0], [id, 1e9])
			.count()
	};
}

it('soft delete hides a video from history and shows it in the trash; restore undoes it', async () => {
	const [a, b, c] = await seed(3);
	await softDeleteVideos(db, [b.id], 5_000);
	await softDeleteVideos(db, [c.id], 6_000);

	expect(await historyIds()).toEqual([a.id]);
	expect((await queryHistory(db, byDate)).total).toBe(1);
	const trash = await listTrash(db, { offset: 0, limit: 10 });
	expect(trash.total).toBe(2);
	expect(trash.rows.map((v) => v.id)).toEqual([c.id, b.id]); // most recently deleted first
	expect((await listTrash(db, { offset: 1, limit: 10 })).rows.map((v) => v.id)).toEqual([b.id]);

	expect(await restoreVideos(db, [b.id])).toBe(1);
	expect(await historyIds()).toEqual([a.id, b.id]);
	expect((await listTrash(db, { offset: 0, limit: 10 })).total).toBe(1);
	expect(await leftovers(b.id)).toMatchObject({ keyframes: 2, annotations: 1 });
});

it('hard delete removes the row, file, keyframes and annotations of that video only', async () => {
	const [a, b] = await seed(2);
	expect(await hardDeleteVideos(db, [a.id])).toBe(1);
	expect(await leftovers(a.id)).toEqual({
		video: undefined,
		file: undefined,
		keyframes: 0,
		annotations: 0
	});
	expect(await leftovers(b.id)).toMatchObject({ keyframes: 2, annotations: 1 });
	expect((await leftovers(b.id)).file).toBeDefined();
	expect(await hardDeleteVideos(db, [a.id])).toBe(0);
});

it('purgeTrashOlderThan deletes only what has been in the trash longer than the given days', async () => {
	const now = 100 * DAY_MS;
	const [live, old, recent] = await seed(3);
	await softDeleteVideos(db, [old.id], now - 31 * DAY_MS);
	await softDeleteVideos(db, [recent.id], now - 29 * DAY_MS);

	expect(await purgeTrashOlderThan(db, 30, now)).toBe(1);
	expect((await leftovers(old.id)).video).toBeUndefined();
	expect((await leftovers(old.id)).keyframes).toBe(0);
	expect((await leftovers(recent.id)).video).toBeDefined();
	expect((await leftovers(live.id)).video).toBeDefined();
});

it('emptyTrash deletes every trashed video for good and nothing else', async () => {
	const [live, x, y] = await seed(3);
	await softDeleteVideos(db, [x.id], 5_000);
	await softDeleteVideos(db, [y.id], 6_000);

	expect(await emptyTrash(db)).toBe(2);
	expect(await db.videos.count()).toBe(1);
	expect(await db.videoBlobs.count()).toBe(1);
	expect(await db.keyframes.count()).toBe(2);
	expect(await db.annotations.count()).toBe(1);
	expect(await historyIds()).toEqual([live.id]);
	expect(await emptyTrash(db)).toBe(0);
});

it('a live history query sees soft delete and restore (queries stay in the Dexie zone)', async () => {
	const [a, b] = await seed(2);
	await db.videos.update(b.id, { durationSec: null, tags: ['x'] }); // unprobed: the longest path
	await db.videos.update(a.id, { tags: ['x'] });
	const seen: string[][] = [];
	const subscription = liveQuery(() =>
		queryHistory(db, { ...byDate, sort: 'durationSec', tag: 'x', search: 'V' })
	).subscribe({
		next: (page) => seen.push(page.rows.map((v) => v.id)),
		error: (e: unknown) => seen.push([String(e)])
	});
	const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
	await settle();
	await softDeleteVideos(db, [a.id], 5_000);
	await settle();
	await restoreVideos(db, [a.id]);
	await settle();
	subscription.unsubscribe();
	expect(seen).toEqual([[a.id, b.id], [b.id], [a.id, b.id]]);
});

it('bulk soft delete and restore move only what is live or trashed, keeping deletion dates', async () => {
	const [a, b, c] = await seed(3);
	await softDeleteVideos(db, [c.id], 4_000);
	expect(await softDeleteVideos(db, [a.id, b.id, c.id, 'missing'], 5_000)).toBe(2);
	expect((await db.videos.get(c.id))?.deletedAt).toBe(4_000); // already in the trash: untouched
	expect(await historyIds()).toEqual([]);

	// Undo of that delete brings back exactly those two, with keyframes and annotations.
	expect(await restoreVideos(db, [a.id, b.id])).toBe(2);
	expect(await historyIds()).toEqual([a.id, b.id]);
	expect(await restoreVideos(db, [a.id])).toBe(0);
	expect(await leftovers(a.id)).toMatchObject({ keyframes: 2, annotations: 1 });
	expect((await listTrash(db, { offset: 0, limit: 10 })).rows.map((v) => v.id)).toEqual([c.id]);
});

it('bulk hard delete removes the chosen videos with everything of them, nothing else', async () => {
	const [a, b, c] = await seed(3);
	await softDeleteVideos(db, [b.id], 5_000);
	expect(await hardDeleteVideos(db, [a.id, b.id, 'missing'])).toBe(2);
	for (const id of [a.id, b.id]) {
		expect(await leftovers(id)).toEqual({
			video: undefined,
			file: undefined,
			keyframes: 0,
			annotations: 0
		});
	}
	expect(await leftovers(c.id)).toMatchObject({ keyframes: 2, annotations: 1 });
	expect(await db.videoBlobs.count()).toBe(1);
});

it('start-up purge uses the saved days in Trash (30 by default); exactly N days old stays', async () => {
	const now = 400 * DAY_MS;
	const [live, day30, day31, day8] = await seed(4);
	await db.videos.update(live.id, { createdAt: now - 300 * DAY_MS }); // old but not in the trash
	await softDeleteVideos(db, [day30.id], now - 30 * DAY_MS);
	await softDeleteVideos(db, [day31.id], now - 31 * DAY_MS);
	await softDeleteVideos(db, [day8.id], now - 8 * DAY_MS);

	const days = loadStoredSettings({ getItem: () => null }).trashRetentionDays;
	expect(await purgeTrashOlderThan(db, days, now)).toBe(1);
	expect((await leftovers(day31.id)).video).toBeUndefined();
	expect((await leftovers(day30.id)).video).toBeDefined();

	const saved = loadStoredSettings({ getItem: () => JSON.stringify({ trashRetentionDays: 7 }) });
	expect(await purgeTrashOlderThan(db, saved.trashRetentionDays, now)).toBe(2);
	expect(await db.videos.count()).toBe(1);
	expect(await historyIds()).toEqual([live.id]);
});
