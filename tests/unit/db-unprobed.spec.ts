// The `unprobed` index (v12): the videos without a duration, which the duration indexes leave out.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { expect, it } from 'vitest';
import { createDatabase, V1, VIDEOS_V1 } from '$lib/db/database';
import { updateVideo } from '$lib/db/videos';
import { videoRecord } from '../support/records';

it('holds a video exactly while it has no duration, whoever writes it', async () => {
	const db = createDatabase(`unprobed-${crypto.randomUUID()}`);
	const unprobed = () => db.videos.where('unprobed').equals(1).primaryKeys();
	await db.videos.bulkAdd([
		videoRecord({ id: 'a', name: 'a.mp4', durationSec: null }),
		videoRecord({ id: 'b', name: 'b.mp4', durationSec: 12 })
	]);
	expect(await unprobed()).toEqual(['a']);
	await updateVideo(db, 'a', { durationSec: 30 });
	expect(await unprobed()).toEqual([]);
	expect((await db.videos.get('a'))!.unprobed).toBeUndefined();
	await updateVideo(db, 'b', { durationSec: null });
	expect(await unprobed()).toEqual(['b']);
	await db.videos.put(videoRecord({ id: 'b', name: 'b.mp4', durationSec: 5 }));
	expect(await unprobed()).toEqual([]);
	db.close();
});

it('version 12 indexes the videos stored without a duration before it', async () => {
	const name = `unprobed-upgrade-${crypto.randomUUID()}`;
	const old = new Dexie(name);
	// Version 11's stores, as the app declared them.
	old.version(11).stores({
		...V1,
		videos: [...VIDEOS_V1, '*nameGrams', '*tagKeys', 'contentKey', 'keyless'].join(', '),
		faces: 'id, videoId, personId, [personId+quality]',
		persons: 'id',
		peopleDue: 'videoId',
		rerunProposals: 'videoId',
		pendingEdits: '++seq'
	});
	await old.table('videos').bulkAdd([
		{ ...videoRecord({ id: 'queued', name: 'q.mp4' }), durationSec: null },
		{ ...videoRecord({ id: 'done', name: 'd.mp4' }), durationSec: 8 }
	]);
	old.close();

	const db = createDatabase(name);
	expect(await db.videos.where('unprobed').equals(1).primaryKeys()).toEqual(['queued']);
	db.close();
});
