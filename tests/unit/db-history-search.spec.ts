// The name search's derived key: kept in step on every write path, filled on upgrade, and the
// search answers what a case-insensitive substring of the name promises.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createDatabase, V1, VIDEOS_V1 } from '../../src/lib/db/database';
import { queryHistory } from '../../src/lib/db/history';
import { gramsOf, nameGrams, needleGrams } from '../../src/lib/db/name-grams';
import { updateVideo, addVideosToBatch, getVideo } from '../../src/lib/db/videos';
import { softDeleteVideo } from '../../src/lib/db/trash';
import { testBatch } from './seed-videos';

const files = (names: string[]) =>
	names.map((name) => ({ file: new Blob(['x']), name, size: 1, type: 'video/mp4' }));

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
		await db.videos.put({ ...(await getVideo(db, v.id))!, name: 'Lake.mp4' });
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
		await softDeleteVideo(db, videos[3].id, 5);
		// "clip 1 12" holds every 3-piece of "clip 12" (a candidate) and is still no match.
		expect(await search(db, 'clip 12')).toEqual(['CLIP 120.mp4', 'clip 12.mp4']);
		expect(await search(db, 'P 12')).toEqual(['CLIP 120.mp4', 'clip 12.mp4']);
		expect(await search(db, '1')).toEqual(['CLIP 120.mp4', 'clip 1 12.mp4', 'clip 12.mp4']);
		expect(await search(db, '访谈')).toEqual(['主角 访谈.mp4']);
		expect(await search(db, '主角 访谈.mp4')).toEqual(['主角 访谈.mp4']);
		expect(await search(db, 'zzzz')).toEqual([]);
		db.close();
	});

	it('version 2 fills the key for rows stored under version 1, keeping every row', async () => {
		const name = `search-upgrade-${crypto.randomUUID()}`;
		const old = new Dexie(name);
		old.version(1).stores({ ...V1, videos: VIDEOS_V1.join(', ') });
		await old.open();
		const db1 = createDatabase(`search-template-${crypto.randomUUID()}`);
		const rows = await addVideosToBatch(db1, testBatch(), files(['Old One.mp4', 'older two.mp4']));
		db1.close();
		await old.table('videos').bulkAdd(rows.map(({ nameGrams: _, ...v }) => v));
		expect((await old.table('videos').toArray()).every((v) => !('nameGrams' in v))).toBe(true);
		old.close();

		const db = createDatabase(name);
		expect(await db.videos.count()).toBe(2);
		expect(await search(db, 'OLD')).toEqual(['Old One.mp4', 'older two.mp4']);
		expect(await search(db, 'r tw')).toEqual(['older two.mp4']);
		db.close();
	});
});
