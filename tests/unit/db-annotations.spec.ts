import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import {
	allTags,
	bulkUpdateAnnotations,
	getAnnotations,
	putAnnotations,
	upsertAnnotation
} from '$lib/db/annotations';
import type { KffDatabase } from '$lib/db/database';
import { useFreshDatabase } from '../support/fresh-database';
import { addVideosToBatch, updateVideo } from '$lib/db/videos';
import { batchRecord } from '../support/records';

let db: KffDatabase;
useFreshDatabase((fresh) => (db = fresh));

it('upsertAnnotation creates with defaults, then merges and keeps createdAt', async () => {
	const created = await upsertAnnotation(db, 'v1', 30, { notes: 'smile' }, 100);
	expect(created).toEqual({
		videoId: 'v1',
		frameIndex: 30,
		notes: 'smile',
		tags: [],
		deleted: false,
		createdAt: 100,
		updatedAt: 100
	});

	await upsertAnnotation(db, 'v1', 30, { tags: ['best'] }, 200);
	expect(await db.annotations.get(['v1', 30])).toEqual({
		...created,
		tags: ['best'],
		updatedAt: 200
	});
});

it('bulkUpdateAnnotations applies one change to many, keeping what each had', async () => {
	await upsertAnnotation(db, 'v1', 2, { notes: 'keep me', tags: ['a'] }, 100);
	await upsertAnnotation(db, 'v2', 2, { notes: 'other video' }, 100);

	await bulkUpdateAnnotations(db, 'v1', [3, 2, 1], { deleted: true }, 300);
	const rows = await getAnnotations(db, 'v1');
	expect(rows.map((a) => [a.frameIndex, a.deleted, a.notes, a.createdAt, a.updatedAt])).toEqual([
		[1, true, '', 300, 300],
		[2, true, 'keep me', 100, 300],
		[3, true, '', 300, 300]
	]);
	expect((await getAnnotations(db, 'v2')).map((a) => a.deleted)).toEqual([false]);
});

it('allTags lists distinct tags of annotations and videos, sorted', async () => {
	await upsertAnnotation(db, 'v1', 1, { tags: ['smile', 'outdoor'] });
	await upsertAnnotation(db, 'v1', 2, { tags: ['smile'] });
	const [video] = await addVideosToBatch(db, batchRecord({ id: 'b1', createdAt: 1 }), [
		{ file: new Blob(['x']), name: 'a.mp4', size: 1, type: 'video/mp4' }
	]);
	await updateVideo(db, video.id, { tags: ['beach', 'outdoor'] });
	expect(await allTags(db)).toEqual(['beach', 'outdoor', 'smile']);
});

it('putAnnotations stores whole states in one transaction, keeping a known createdAt', async () => {
	await upsertAnnotation(db, 'v1', 1, { notes: 'old', tags: ['x'] }, 100);
	await putAnnotations(
		db,
		'v1',
		[
			{
				frameIndex: 1,
				fields: { notes: '第一帧：主角正脸', tags: [], deleted: true },
				createdAt: 100
			},
			{ frameIndex: 2, fields: { notes: '', tags: ['a', 'b'], deleted: false } }
		],
		500
	);
	expect(await getAnnotations(db, 'v1')).toEqual([
		{
			videoId: 'v1',
			frameIndex: 1,
			notes: '第一帧：主角正脸',
			tags: [],
			deleted: true,
			createdAt: 100,
			updatedAt: 500
		},
		{
			videoId: 'v1',
			frameIndex: 2,
			notes: '',
			tags: ['a', 'b'],
			deleted: false,
			createdAt: 500,
			updatedAt: 500
		}
	]);
	expect(await allTags(db)).toEqual(['a', 'b']);
});

it('putAnnotations is all or nothing', async () => {
	await upsertAnnotation(db, 'v1', 1, { notes: 'kept' }, 100);
	await expect(
		putAnnotations(db, 'v1', [
			{ frameIndex: 1, fields: { notes: 'lost', tags: [], deleted: false } },
			// A key IndexedDB refuses aborts the whole transaction.
			{ frameIndex: NaN, fields: { notes: 'bad', tags: [], deleted: false } }
		])
	).rejects.toThrow();
	expect((await getAnnotations(db, 'v1')).map((a) => a.notes)).toEqual(['kept']);
});
