// Noticing a file already in the library: its content key, the split of picked files into fresh
// ones and duplicates, the schema version that indexes keys, and keying rows stored before it.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { contentKey, EDGE_BYTES, fillMissingContentKeys } from '$lib/batch/content-key';
import { splitDuplicates, type IntakeFile, type KnownVideo } from '$lib/batch/duplicates';
import { createDatabase, V1, VIDEOS_V1 } from '$lib/db/database';
import { addVideosToBatch, videosWithContentKeys } from '$lib/db/videos';
import type { VideoRecord } from '$lib/db/types';
import { batchRecord, videoRecord } from '../support/records';

const MiB = EDGE_BYTES;

function bytes(size: number, fill: (i: number) => number): Blob {
	return new Blob([Uint8Array.from({ length: size }, (_, i) => fill(i))]);
}

function picked(name: string, key: string | null): IntakeFile {
	return { file: new File(['x'], name), contentKey: key };
}

function known(id: string, key: string, fields: Partial<KnownVideo> = {}): KnownVideo {
	const { name, createdAt, status, keyframeCount, deletedAt } = videoRecord({
		id,
		name: `${id}.mp4`
	});
	return { id, name, createdAt, status, keyframeCount, deletedAt, contentKey: key, ...fields };
}

describe('contentKey', () => {
	it('is the size and a hash of the first and last MiB: the middle does not count', async () => {
		const size = 3 * MiB;
		const a = bytes(size, (i) => i % 251);
		const middleChanged = bytes(size, (i) => (i === Math.floor(size / 2) ? 7 : i % 251));
		const tailChanged = bytes(size, (i) => (i === size - 1 ? 7 : i % 251));
		const key = await contentKey(a);
		expect(key).toMatch(new RegExp(`^${size}:[0-9a-f]{64}$`));
		expect(await contentKey(middleChanged)).toBe(key);
		expect(await contentKey(tailChanged)).not.toBe(key);
		expect(await contentKey(bytes(size - 1, (i) => i % 251))).not.toBe(key);
	});

	it('hashes a file smaller than a MiB once, whole', async () => {
		const small = bytes(1000, (i) => i % 7);
		const other = bytes(1000, (i) => (i === 999 ? 1 : i % 7));
		expect(await contentKey(small)).not.toBe(await contentKey(other));
	});
});

describe('splitDuplicates', () => {
	it('holds back files the library has (newest match), and files picked twice', () => {
		const older = known('old', 'k1', { createdAt: 1 });
		const newer = known('new', 'k1', { createdAt: 2, deletedAt: 5 });
		const { fresh, duplicates } = splitDuplicates(
			[
				picked('a.mp4', 'k1'),
				picked('b.mp4', 'k2'),
				picked('b copy.mp4', 'k2'),
				picked('c.mp4', 'q')
			],
			[picked('queued.mp4', 'q')],
			[older, newer]
		);
		expect(fresh.map((f) => f.file.name)).toEqual(['b.mp4']);
		expect(duplicates.map((d) => [d.entry.file.name, d.existing?.id ?? null, d.inTrash])).toEqual([
			['a.mp4', 'new', true],
			['b copy.mp4', null, false],
			['c.mp4', null, false]
		]);
	});

	it('never holds back a file without a key', () => {
		const { fresh } = splitDuplicates([picked('a', null), picked('b', null)], [], []);
		expect(fresh).toHaveLength(2);
	});
});

describe('content keys in the database', () => {
	it('version 5 indexes keys; rows from before get null, and start-up keys those with an original', async () => {
		const name = `content-key-${crypto.randomUUID()}`;
		const old = new Dexie(name);
		old.version(1).stores({ ...V1, videos: VIDEOS_V1.join(', ') });
		old.version(2).stores({ videos: [...VIDEOS_V1, '*nameGrams', '*tagKeys'].join(', ') });
		const before: Partial<VideoRecord> = videoRecord({ id: 'kept', name: 'kept.mp4' });
		delete before.contentKey; // v2 rows never had it
		await old.table('videos').bulkAdd([
			{ ...before, hasOriginal: true },
			{ ...before, id: 'gone', hasOriginal: false }
		]);
		const file = bytes(2 * MiB + 5, (i) => i % 13);
		await old.table('videoBlobs').add({ videoId: 'kept', file });
		old.close();

		const db = createDatabase(name);
		expect((await db.videos.get('gone'))?.contentKey).toBeNull();
		expect(await fillMissingContentKeys(db)).toBe(1);
		const key = (await contentKey(file))!;
		expect((await videosWithContentKeys(db, [key])).map((v) => v.id)).toEqual(['kept']);
		expect(await fillMissingContentKeys(db)).toBe(0);

		const [added] = await addVideosToBatch(db, batchRecord({ id: 'b' }), [
			{ file, name: 'again.mp4', size: file.size, type: 'video/mp4', contentKey: key }
		]);
		expect((await videosWithContentKeys(db, [key])).map((v) => v.id).sort()).toEqual(
			['kept', added.id].sort()
		);
		await db.delete();
	});

	it('start-up finds the videos to key by index, kept in step with every write', async () => {
		const db = createDatabase(`keyless-${crypto.randomUUID()}`);
		const keyless = () => db.videos.where('keyless').equals(1).primaryKeys();
		await db.videos.bulkAdd([
			videoRecord({ id: 'a', name: 'a.mp4', contentKey: null, hasOriginal: true }),
			videoRecord({ id: 'b', name: 'b.mp4', contentKey: 'k', hasOriginal: true }),
			videoRecord({ id: 'c', name: 'c.mp4', contentKey: null, hasOriginal: false })
		]);
		expect(await keyless()).toEqual(['a']);
		await db.videos.update('b', { contentKey: null });
		expect(await keyless()).toEqual(['a', 'b']);
		await db.videos.update('a', { hasOriginal: false });
		await db.videos.update('b', { contentKey: 'k2' });
		expect(await keyless()).toEqual([]);
		expect((await db.videos.get('b'))!.keyless).toBeUndefined();
		// A put of a whole row (a restore) is derived again too.
		await db.videos.put({ ...(await db.videos.get('c'))!, hasOriginal: true });
		expect(await keyless()).toEqual(['c']);
		await db.delete();
	});
});
