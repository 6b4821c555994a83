import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { expect, it } from 'vitest';
import type { KffDatabase } from '$lib/db/database';
import { useFreshDatabase } from '../support/fresh-database';
import { queryHistoryView, type HistoryQuery } from '$lib/db/history';
import { softDeleteVideos } from '$lib/db/trash';
import { saveExtractionResult, setVideoTags, videoTags } from '$lib/db/videos';
import { annotate, seedVideos } from '../support/seed-videos';

const byDate: HistoryQuery = { sort: 'createdAt', direction: 'asc', page: 1, pageSize: 20 };

let db: KffDatabase;
useFreshDatabase((fresh) => (db = fresh));

it('setVideoTags stores clean tags that the tag filter then finds', async () => {
	const [a, b] = await seedVideos(db, 2);
	expect(await setVideoTags(db, a.id, [' Interview ', 'interview', '', 'outdoor'])).toEqual([
		'Interview',
		'outdoor'
	]);
	await setVideoTags(db, b.id, ['outdoor']);
	expect(await setVideoTags(db, 'missing', ['x'])).toBeNull();

	expect(await videoTags(db)).toEqual(['Interview', 'outdoor']);
	const tagged = await queryHistoryView(db, { ...byDate, tag: 'outdoor' });
	expect(tagged.rows.map((v) => v.id)).toEqual([a.id, b.id]);
	expect((await queryHistoryView(db, { ...byDate, tag: 'Interview' })).total).toBe(1);

	await setVideoTags(db, a.id, []);
	expect(await videoTags(db)).toEqual(['outdoor']);
});

it('counts kept keyframes (not marked deleted) and names the batch of each row', async () => {
	const [a, b, c] = await seedVideos(db, 3); // two keyframes each (frames 0 and 10)
	await annotate(db, a.id, [0, 10], { deleted: true });
	await annotate(db, b.id, [0], { deleted: true });
	await annotate(db, b.id, [99], { deleted: true }); // no keyframe 99: does not count
	await db.batches.update(c.batchId, { name: 'Holiday' }); // one batch holds all three

	const view = await queryHistoryView(db, byDate);
	expect(view.total).toBe(3);
	expect(view.details.get(a.id)).toEqual({ kept: 0, batchName: 'Holiday' });
	expect(view.details.get(b.id)).toEqual({ kept: 1, batchName: 'Holiday' });
	expect(view.details.get(c.id)).toEqual({ kept: 2, batchName: 'Holiday' });

	await db.batches.clear();
	expect((await queryHistoryView(db, byDate)).details.get(c.id)?.batchName).toBeNull();
});

it('a rerun with other keyframes recounts what is kept', async () => {
	const [a] = await seedVideos(db, 1);
	await annotate(db, a.id, [10], { deleted: true });
	expect((await queryHistoryView(db, byDate)).details.get(a.id)?.kept).toBe(1);
	const frame = (await db.keyframes.toArray())[0];
	await saveExtractionResult(db, a.id, {
		video: {},
		keyframes: [5, 6, 7].map((frameIndex) => ({ ...frame, frameIndex }))
	});
	expect((await queryHistoryView(db, byDate)).details.get(a.id)?.kept).toBe(3);
});

it('the live view follows keyframe marks, tags and trash moves', async () => {
	const [a, b] = await seedVideos(db, 2);
	const seen: string[] = [];
	const subscription = liveQuery(() => queryHistoryView(db, byDate)).subscribe({
		next: (view) =>
			seen.push(
				view.rows.map((v) => `${v.name}:${view.details.get(v.id)?.kept}:${v.tags}`).join(' ')
			),
		error: (e: unknown) => seen.push(String(e))
	});
	const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
	await settle();
	await annotate(db, a.id, [0], { deleted: true });
	await settle();
	await setVideoTags(db, b.id, ['x']);
	await settle();
	await softDeleteVideos(db, [a.id], 5_000);
	await settle();
	subscription.unsubscribe();
	expect(seen).toEqual([
		'v0.mp4:2: v1.mp4:2:',
		'v0.mp4:1: v1.mp4:2:',
		'v0.mp4:1: v1.mp4:2:x',
		'v1.mp4:2:x'
	]);
});
