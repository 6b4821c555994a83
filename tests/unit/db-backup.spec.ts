// Backup and restore against real (fake-indexeddb) databases: every table round trips with its
// Blobs byte for byte, restoring merges by key (twice = once), and a file that is cut short,
// someone else's, or newer is refused before anything is written.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupError, MAGIC } from '$lib/backup/backup-format';
import { blobSink } from '$lib/backup/backup-sink';
import { restoreBackup, type RestoreProgress } from '$lib/backup/restore-backup';
import { measureBackup, writeBackup, type BackupOptions } from '$lib/backup/write-backup';
import { createDatabase, V1, VIDEOS_V1, type KffDatabase } from '$lib/db/database';
import { nameGrams } from '$lib/db/name-grams';
import { markMissingOriginals } from '$lib/db/videos';
import { videoRecord } from '../support/records';
import { annotate, seedVideos } from '../support/seed-videos';

const opened: Dexie[] = [];
function fresh(): KffDatabase {
	const db = createDatabase(`backup-${crypto.randomUUID()}`);
	opened.push(db);
	return db;
}
afterEach(async () => {
	await Promise.all(opened.splice(0).map((db) => db.delete()));
});

async function backupOf(db: Dexie, options: Partial<BackupOptions> = {}): Promise<Blob> {
	const sink = blobSink('application/octet-stream');
	await writeBackup(db, sink, { settings: { sampleRate: 7 }, ...options });
	return (await sink.finish())!;
}

const restore = (db: KffDatabase, file: Blob, onProgress?: (p: RestoreProgress) => void) =>
	restoreBackup(db, file, { openCurrent: createDatabase, onProgress });

/** Every row of every table, Blobs as their type and text: what a restore must reproduce. */
async function dump(db: Dexie) {
	const plain = async (value: unknown): Promise<unknown> => {
		if (value instanceof Blob) return { blob: value.type, text: await value.text() };
		if (Array.isArray(value)) return Promise.all(value.map(plain));
		if (value && typeof value === 'object') {
			const entries = await Promise.all(
				Object.entries(value).map(async ([k, v]) => [k, await plain(v)] as const)
			);
			return Object.fromEntries(entries);
		}
		return value;
	};
	const out: Record<string, unknown> = {};
	for (const t of db.tables) out[t.name] = await plain(await t.toArray());
	return out;
}

async function library(): Promise<KffDatabase> {
	const db = fresh();
	const videos = await seedVideos(db, 3);
	await db.keyframes
		.where('videoId')
		.equals(videos[0].id)
		.modify((k) => {
			k.image = new Blob([`jpeg of ${k.frameIndex}`], { type: 'image/jpeg' });
		});
	await annotate(db, videos[1].id, [0], {
		notes: '备注',
		tags: ['a', 'b'],
		deleted: true,
		rating: 3,
		flag: 'reject'
	});
	await db.videos.update(videos[2].id, { deletedAt: 5, tags: ['trip'] });
	await db.videoBlobs.put({
		videoId: videos[0].id,
		file: new File(['the original'], 'v0.mp4', { type: 'video/mp4', lastModified: 9 })
	});
	return db;
}

async function problemOf(promise: Promise<unknown>) {
	try {
		await promise;
	} catch (e) {
		if (e instanceof BackupError) return e.problem;
		throw e;
	}
	return null;
}

describe('backup and restore', () => {
	it('restores every table into an empty database, Blobs byte for byte, and twice is once', async () => {
		const source = await library();
		const file = await backupOf(source);
		const target = fresh();
		const progress: RestoreProgress[] = [];
		const result = await restore(target, file, (p) => progress.push(p));
		expect(result.header.settings).toEqual({ sampleRate: 7 });
		expect(result.rows).toBe(3 + 3 + 6 + 4 + 1);
		const expected = await dump(source);
		expect(await dump(target)).toEqual(expected);
		// Ratings and flags ride on the annotation rows.
		expect(await target.annotations.filter((a) => a.rating === 3).toArray()).toMatchObject([
			{ notes: '备注', flag: 'reject' }
		]);
		expect(progress.at(0)?.phase).toBe('checking');
		expect(progress.at(-1)).toEqual({ phase: 'writing', done: result.rows, total: result.rows });

		await restore(target, file);
		expect(await dump(target)).toEqual(expected);
	});

	it('merges by key: the file replaces rows it has, other rows stay', async () => {
		const source = await library();
		const file = await backupOf(source);
		const target = fresh();
		const [mine] = await seedVideos(target, 1);
		const shared = (await source.videos.toArray())[0];
		await target.videos.put({ ...shared, name: 'renamed here.mp4' });
		await restore(target, file);
		expect(await target.videos.get(mine.id)).toBeDefined();
		expect((await target.videos.get(shared.id))?.name).toBe(shared.name);
		expect(await target.videos.count()).toBe(4);
	});

	it('derived index fields come out right even when the file has them wrong', async () => {
		const source = await library();
		const [video] = await source.videos.toArray();
		// A row whose derived keys disagree with its name, as a file from elsewhere might carry.
		const text = await (await backupOf(source)).text();
		expect(text).toContain(JSON.stringify(video.nameGrams));
		const tampered = new Blob([
			text.replace(JSON.stringify(video.nameGrams), JSON.stringify(['zzz']))
		]);
		for (const target of [fresh(), source]) {
			await restore(target as KffDatabase, tampered);
			expect((await (target as KffDatabase).videos.get(video.id))?.nameGrams).toEqual(
				nameGrams(video.name)
			);
		}
	});

	it('leaves the originals out when asked, and then no video claims one', async () => {
		const source = await library();
		await source.videos.toCollection().modify({ hasOriginal: true });
		const file = await backupOf(source, { skipTables: ['videoBlobs'] });
		const sizes = await measureBackup(source);
		expect(file.size).toBeLessThan(
			Object.values(sizes).reduce((a, b) => a + b, 0) - sizes.videoBlobs + 1000
		);
		const target = fresh();
		await restore(target, file);
		expect(await target.videoBlobs.count()).toBe(0);
		expect(await markMissingOriginals(target)).toBe(3);
		expect((await target.videos.toArray()).every((v) => !v.hasOriginal)).toBe(true);
	});

	it('measures what each table adds to the file', async () => {
		const source = await library();
		const sizes = await measureBackup(source);
		const file = await backupOf(source);
		const tables = Object.values(sizes).reduce((a, b) => a + b, 0);
		// The rest is the magic, header and end lines.
		expect(file.size - tables).toBeGreaterThan(MAGIC.length);
		expect(file.size - tables).toBeLessThan(2000);
		expect(sizes.videoBlobs).toBeGreaterThan('the original'.length);
	});
});

describe('files that are not restored', () => {
	async function unchanged(file: Blob): Promise<unknown> {
		const target = fresh();
		await seedVideos(target, 1);
		const before = await dump(target);
		const problem = await problemOf(restore(target, file));
		expect(await dump(target)).toEqual(before);
		return problem;
	}

	it('a file cut short anywhere is damaged, and nothing changes', async () => {
		const file = await backupOf(await library());
		for (const cut of [5, MAGIC.length + 10, Math.floor(file.size / 2), file.size - 3]) {
			expect(await unchanged(file.slice(0, cut))).toBe('damaged');
		}
		// Bytes changed inside a line.
		const text = await file.text();
		expect(
			await unchanged(new Blob([text.replace('"table":"keyframes"', '"table":"keyfra')]))
		).toBe('damaged');
	});

	it("another app's JSON, a JPEG or an empty file is foreign", async () => {
		expect(await unchanged(new Blob(['{"formatVersion":1,"data":[]}']))).toBe('foreign');
		expect(await unchanged(new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16])]))).toBe(
			'foreign'
		);
		expect(await unchanged(new Blob([]))).toBe('foreign');
	});

	it('a file of a later schema is newer', async () => {
		const source = await library();
		const text = await (await backupOf(source)).text();
		const later = text.replace(
			`"schemaVersion":${source.verno}`,
			`"schemaVersion":${source.verno + 1}`
		);
		expect(await unchanged(new Blob([later]))).toBe('newer');
	});
});

describe('a backup of an older schema', () => {
	it("is brought up to date by the app's own upgrades, through a scratch database", async () => {
		const name = `backup-v1-${crypto.randomUUID()}`;
		const old = new Dexie(name);
		old.version(1).stores({ ...V1, videos: VIDEOS_V1.join(', ') });
		opened.push(old);
		const failed = { ...videoRecord({ id: 'f', name: 'Old Clip.mp4' }), status: 'failed' };
		// A v1 row: its failure a sentence, no run count.
		const v1Row: Record<string, unknown> = { ...failed, error: 'No video track.' };
		delete v1Row.attempts;
		await old.table('videos').add(v1Row);
		await old
			.table('keyframes')
			.add({ id: 'k', videoId: 'f', frameIndex: 3, image: new Blob(['j']) });
		const file = await backupOf(old);

		const target = fresh();
		await restore(target, file);
		const video = await target.videos.get('f');
		expect(video).toMatchObject({
			error: { code: 'text', text: 'No video track.' },
			attempts: 0,
			nameGrams: nameGrams('Old Clip.mp4')
		});
		expect(await (await target.keyframes.get('k'))!.image.text()).toBe('j');
		const names = (await indexedDB.databases()).map((d) => d.name);
		expect(names.filter((n) => n?.includes('-restore-'))).toEqual([]);
	});
});
