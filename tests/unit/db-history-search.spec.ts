// The name search's derived key: kept in step on every write path, filled on upgrade, and the
// search answers what a case-insensitive substring of the name promises.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createDatabase, V1, VIDEOS_V1 } from '$lib/db/database';
import { queryHistory } from '$lib/db/history';
import { gramsOf, nameGrams, needleGrams } from '$lib/db/name-grams';
import { updateVideo, addVideosToBatch, getVideo, setVideoTags } from '$lib/db/videos';
import { restoreVideos, softDeleteVideos } from '$lib/db/trash';
import type { HistoryQuery } from '$lib/db/history';
import { testBatch } from '../support/seed-videos';
import { benchLabelKeys, benchNameGrams } from '../../bench/seed-derived.mjs';
import { personKeys, tagKeys } from '$lib/db/label-keys';
import type { VideoRecord } from '$lib/db/types';

const files = (names: string[]) =>
	names.map((name) => ({
		file: new Blob(['x']),
		name,
		size: 1,
		type: 'video/mp4',
		contentKey: null
	}));

async function search(db: ReturnType<typeof createDatabase>, search: string) {
	const page = await queryHistory(db, {
		search,
		sort: 'name',
		direction: 'asc',
		page: 1,
		pageSize: 50
	});
	return page.rows.map((v) => v.name);
}

describe('name grams', () => {
	it('are the distinct 1..3 character pieces, by code point', () => {
		expect(gramsOf('abab')).toEqual(['a', 'ab', 'aba', 'b', 'ba', 'bab']);
		expect(nameGrams('Ü😀x')).toEqual(['ü', 'ü😀', 'ü😀x', '😀', '😀x', 'x']);
		expect(needleGrams('ab')).toEqual({ grams: ['ab'], exact: true });
		expect(needleGrams('abcab')).toEqual({ grams: ['abc', 'bca', 'cab'], exact: false });
	});
});

async function tagged(
	db: ReturnType<typeof createDatabase>,
	q: Partial<HistoryQuery> & { tag: string }
) {
	const page = await queryHistory(db, {
		sort: 'createdAt',
		direction: 'asc',
		page: 1,
		pageSize: 50,
		...q
	});
	return { names: page.rows.map((v) => v.name), total: page.total };
}

describe('derived keys of the history bench (raw IndexedDB rows)', () => {
	it('are the ones the app stores', () => {
		for (const name of ['clip 12.mp4', 'ÉTÉ 主角 😀.MOV', '']) {
			expect(benchNameGrams(name)).toEqual(nameGrams(name));
		}
		const row = {
			tags: ['a', 'b', 'a'],
			personIds: ['p2', 'p1'],
			deletedAt: 0,
			status: 'completed' as const,
			createdAt: 5,
			name: 'n',
			durationSec: null
		};
		for (const v of [row, { ...row, durationSec: 4 }]) {
			expect(benchLabelKeys(v.tags, v)).toEqual(tagKeys(v));
			expect(benchLabelKeys(v.personIds, v)).toEqual(personKeys(v));
		}
	});
});

describe('tag filter on *tagKeys', () => {
	it('follows every write of tags, status, trash, name and duration', async () => {
		const db = createDatabase(`tag-hooks-${crypto.randomUUID()}`);
		const [a, b] = await addVideosToBatch(db, testBatch(), files(['a.mp4', 'b.mp4']));
		expect(await tagged(db, { tag: 'x' })).toEqual({ names: [], total: 0 });
		await setVideoTags(db, a.id, ['x', 'y']);
		await setVideoTags(db, b.id, ['x']);
		expect(await tagged(db, { tag: 'x' })).toEqual({ names: ['a.mp4', 'b.mp4'], total: 2 });
		expect(await tagged(db, { tag: 'y' })).toEqual({ names: ['a.mp4'], total: 1 });
		// Not probed yet: no duration entry; the unprobed follow the probed under that sort.
		await updateVideo(db, b.id, { durationSec: 3 });
		expect(await tagged(db, { tag: 'x', sort: 'durationSec' })).toEqual({
			names: ['b.mp4', 'a.mp4'],
			total: 2
		});
		await updateVideo(db, a.id, { status: 'processing' });
		await db.videos.where('id').equals(b.id).modify({ status: 'failed', name: 'c.mp4' });
		expect(await tagged(db, { tag: 'x', status: 'failed', sort: 'name' })).toEqual({
			names: ['c.mp4'],
			total: 1
		});
		expect(await tagged(db, { tag: 'x', status: 'pending' })).toEqual({ names: [], total: 0 });
		await softDeleteVideos(db, [a.id], 7);
		expect(await tagged(db, { tag: 'y' })).toEqual({ names: [], total: 0 });
		await restoreVideos(db, [a.id]);
		expect(await tagged(db, { tag: 'y', status: 'processing' })).toEqual({
			names: ['a.mp4'],
			total: 1
		});
		await setVideoTags(db, a.id, []);
		expect((await getVideo(db, a.id))?.tagKeys).toEqual([]);
		expect(await tagged(db, { tag: 'x', direction: 'desc' })).toEqual({
			names: ['c.mp4'],
			total: 1
		});
		db.close();
	});
});

describe('name search on *nameGrams', () => {
	it('keeps the derived key in step on add, update and modify', async () => {
		const db = createDatabase(`search-hooks-${crypto.randomUUID()}`);
		const [v] = await addVideosToBatch(db, testBatch(), files(['Beach.mp4']));
		expect((await getVideo(db, v.id))?.nameGrams).toEqual(nameGrams('Beach.mp4'));
		await updateVideo(db, v.id, { name: 'Mountain.mov' });
		expect(await search(db, 'beach')).toEqual([]);
		expect(await search(db, 'MOUNT')).toEqual(['Mountain.mov']);
		await db.videos.where('id').equals(v.id).modify({ name: 'River.mp4' });
		expect(await search(db, 'rive')).toEqual(['River.mp4']);
		// A put of a row built without the derived fields gets them back.
		const plain: VideoRecord = { ...(await getVideo(db, v.id))! };
		delete plain.nameGrams;
		delete plain.tagKeys;
		await db.videos.put({ ...plain, name: 'Lake.mp4' });
		expect(await search(db, 'river')).toEqual([]);
		expect(await search(db, 'ake.')).toEqual(['Lake.mp4']);
		// A write that does not touch the name leaves the key alone.
		await updateVideo(db, v.id, { status: 'failed' });
		expect((await getVideo(db, v.id))?.nameGrams).toEqual(nameGrams('Lake.mp4'));
		db.close();
	});

	it('finds substrings only, case-insensitively, anywhere in the name, live videos only', async () => {
		const db = createDatabase(`search-semantics-${crypto.randomUUID()}`);
		const videos = await addVideosToBatch(
			db,
			testBatch(),
			files([
				'clip 12.mp4',
				'clip 1 12.mp4',
				'CLIP 120.mp4',
				'my clip 12b.mov',
				'主角 访谈.mp4',
				'x'
			])
		);
		await softDeleteVideos(db, [videos[3].id], 5);
		// "clip 1 12" holds every 3-piece of "clip 12" (a candidate) and is still no match.
		expect(await search(db, 'clip 12')).toEqual(['CLIP 120.mp4', 'clip 12.mp4']);
		expect(await search(db, 'P 12')).toEqual(['CLIP 120.mp4', 'clip 12.mp4']);
		expect(await search(db, '1')).toEqual(['CLIP 120.mp4', 'clip 1 12.mp4', 'clip 12.mp4']);
		expect(await search(db, '访谈')).toEqual(['主角 访谈.mp4']);
		expect(await search(db, '主角 访谈.mp4')).toEqual(['主角 访谈.mp4']);
		expect(await search(db, 'zzzz')).toEqual([]);
		db.close();
	});

	it('narrows a long needle by its rare pieces, and by counts when every piece is common', async () => {
		const db = createDatabase(`search-rare-${crypto.randomUUID()}`);
		// 620 names: "cli", "lip", "ip " are in more than 500 (common), " 12" and "p 1" are rare.
		const names = Array.from({ length: 620 }, (_, i) => `clip ${i}.mp4`);
		await addVideosToBatch(db, testBatch(), files(names));
		const sorted = [...names].sort();
		expect(await search(db, 'clip 12')).toEqual(sorted.filter((n) => n.includes('clip 12')));
		// "clip": both its pieces are common.
		const page = await queryHistory(db, {
			search: 'CLIP',
			sort: 'name',
			direction: 'asc',
			page: 2,
			pageSize: 50
		});
		expect(page.total).toBe(620);
		expect(page.rows.map((v) => v.name)).toEqual(sorted.slice(50, 100));
		db.close();
	});

	it('orders many matches of a short needle through the sort index', async () => {
		const db = createDatabase(`search-many-${crypto.randomUUID()}`);
		const names = Array.from({ length: 2_100 }, (_, i) => `a${(i * 37) % 2_100}.mp4`);
		const videos = await addVideosToBatch(db, testBatch(), files([...names, 'b.mp4']));
		await softDeleteVideos(db, [videos[5].id], 9);
		const live = names.filter((_, i) => i !== 5).sort();
		const page = await queryHistory(db, {
			search: 'A',
			sort: 'name',
			direction: 'desc',
			page: 3,
			pageSize: 50
		});
		expect(page.total).toBe(2_099);
		expect(page.rows.map((v) => v.name)).toEqual(live.reverse().slice(100, 150));
		db.close();
	});

	it('version 2 fills the keys for rows stored under version 1, keeping every row', async () => {
		const name = `search-upgrade-${crypto.randomUUID()}`;
		const old = new Dexie(name);
		old.version(1).stores({ ...V1, videos: VIDEOS_V1.join(', ') });
		await old.open();
		const db1 = createDatabase(`search-template-${crypto.randomUUID()}`);
		const rows = await addVideosToBatch(db1, testBatch(), files(['Old One.mp4', 'older two.mp4']));
		db1.close();
		const plain = rows.map((v, i) => {
			const row: VideoRecord = { ...v, tags: i === 1 ? ['kept'] : [] };
			delete row.nameGrams;
			delete row.tagKeys;
			return row;
		});
		await old.table('videos').bulkAdd(plain);
		expect((await old.table('videos').toArray()).every((v) => !('nameGrams' in v))).toBe(true);
		old.close();

		const db = createDatabase(name);
		expect(await db.videos.count()).toBe(2);
		expect(await search(db, 'OLD')).toEqual(['Old One.mp4', 'older two.mp4']);
		expect(await search(db, 'r tw')).toEqual(['older two.mp4']);
		expect(await tagged(db, { tag: 'kept' })).toEqual({ names: ['older two.mp4'], total: 1 });
		// Nothing of the old rows is lost or changed (toArray is in id order).
		const byId = (x: { id: string }, y: { id: string }) => (x.id < y.id ? -1 : 1);
		expect(await db.videos.toArray()).toEqual(
			[...plain].sort(byId).map((v) => expect.objectContaining(v) as unknown)
		);
		db.close();
	});
});
