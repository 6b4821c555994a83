// `personIds` and `*personKeys` (v13): the persons of each video's faces, on its row, for
// History's person filter.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { expect, it } from 'vitest';
import { createDatabase, V1, VIDEOS_V1 } from '$lib/db/database';
import { queryHistory } from '$lib/db/history';
import { personIdsOf } from '$lib/db/video-persons';
import { videoRecord } from '../support/records';

const face = (videoId: string, frameIndex: number, personId: string) => ({
	id: `${videoId}/${frameIndex}/0`,
	videoId,
	frameIndex,
	faceIndex: 0,
	embedding: [1, 0],
	personId,
	quality: 1
});

it('lists a video’s persons once each, in one order whatever the faces’ order', () => {
	expect(personIdsOf(['b', 'a', 'b'])).toEqual(['a', 'b']);
	expect(personIdsOf([])).toEqual([]);
});

it('version 13 gives the videos stored before it their persons, from the faces', async () => {
	const name = `video-persons-upgrade-${crypto.randomUUID()}`;
	const old = new Dexie(name);
	// Version 12's stores, as the app declared them.
	old.version(12).stores({
		...V1,
		videos: [...VIDEOS_V1, '*nameGrams', '*tagKeys', 'contentKey', 'keyless', 'unprobed'].join(
			', '
		),
		faces: 'id, videoId, personId, [personId+quality]',
		persons: 'id',
		peopleDue: 'videoId',
		rerunProposals: 'videoId',
		pendingEdits: '++seq'
	});
	const rows = ['a', 'b', 'c'].map((id) => videoRecord({ id, name: `${id}.mp4`, durationSec: 5 }));
	await old.table('videos').bulkAdd(rows);
	await old
		.table('faces')
		.bulkAdd([face('a', 0, 'p2'), face('a', 5, 'p1'), face('a', 9, 'p2'), face('b', 0, 'p2')]);
	old.close();

	const db = createDatabase(name);
	expect((await db.videos.toArray()).map((v) => v.personIds)).toEqual([
		['p1', 'p2'],
		['p2'],
		undefined
	]);
	const q = { sort: 'durationSec', direction: 'desc', page: 1, pageSize: 20 } as const;
	const ids = async (person: string) =>
		(await queryHistory(db, { ...q, person })).rows.map((v) => v.id);
	expect(await ids('p2')).toEqual(['b', 'a']);
	expect(await ids('p1')).toEqual(['a']);
	// Nothing else of the rows changed.
	expect(await db.videos.get('c')).toMatchObject(rows[2]);
	await db.delete();
});
