import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { allTags, getAnnotations, putAnnotations } from '$lib/db/annotations';
import type { KffDatabase } from '$lib/db/database';
import { useFreshDatabase } from '../support/fresh-database';
import { addVideosToBatch, updateVideo } from '$lib/db/videos';
import { batchRecord } from '../support/records';
import { EMPTY_ANNOTATION } from '$lib/db/types';
import { annotate } from '../support/seed-videos';

let db: KffDatabase;
useFreshDatabase((fresh) => (db = fresh));

it('allTags lists distinct tags of annotations and videos, sorted', async () => {
	await annotate(db, 'v1', [1], { tags: ['smile', 'outdoor'] });
	await annotate(db, 'v1', [2], { tags: ['smile'] });
	const [video] = await addVideosToBatch(db, batchRecord({ id: 'b1', createdAt: 1 }), [
		{ file: new Blob(['x']), name: 'a.mp4', size: 1, type: 'video/mp4', contentKey: null }
	]);
	await updateVideo(db, video.id, { tags: ['beach', 'outdoor'] });
	expect(await allTags(db)).toEqual(['beach', 'outdoor', 'smile']);
});

it('putAnnotations stores whole states in one transaction, keeping a known createdAt', async () => {
	await annotate(db, 'v1', [1], { notes: 'old', tags: ['x'] }, 100);
	await putAnnotations(
		db,
		'v1',
		[
			{
				frameIndex: 1,
				fields: { notes: '第一帧：主角正脸', tags: [], deleted: true, rating: 4, flag: 'pick' },
				createdAt: 100
			},
			{ frameIndex: 2, fields: { ...EMPTY_ANNOTATION, tags: ['a', 'b'] } }
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
			rating: 4,
			flag: 'pick',
			createdAt: 100,
			updatedAt: 500
		},
		{
			videoId: 'v1',
			frameIndex: 2,
			notes: '',
			tags: ['a', 'b'],
			deleted: false,
			rating: 0,
			flag: null,
			createdAt: 500,
			updatedAt: 500
		}
	]);
	expect(await allTags(db)).toEqual(['a', 'b']);
});

it('putAnnotations is all or nothing', async () => {
	await annotate(db, 'v1', [1], { notes: 'kept' }, 100);
	await expect(
		putAnnotations(db, 'v1', [
			{ frameIndex: 1, fields: { ...EMPTY_ANNOTATION, notes: 'lost' } },
			// A key IndexedDB would refuse: nothing is written.
			{ frameIndex: NaN, fields: { ...EMPTY_ANNOTATION, notes: 'bad' } }
		])
	).rejects.toThrow();
	expect((await getAnnotations(db, 'v1')).map((a) => a.notes)).toEqual(['kept']);
});
