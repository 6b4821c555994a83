import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import type { KffDatabase } from '$lib/db/database';
import { faceId, saveVideoFaces } from '$lib/db/people';
import type { PendingEdit } from '$lib/db/pending-edits';
import { applyLeftEdits, applyPendingEdits } from '$lib/db/pending-edits';
import { mergePersons, moveFace } from '$lib/db/person-edits';
import { hardDeleteVideos } from '$lib/db/trash';
import {
	moveVideosToTrash,
	purgeTrashAfterLeftEdits,
	restoreVideosFromTrash
} from '$lib/db/trash-edits';
import { NOT_DELETED } from '$lib/db/types';
import { setVideoTags } from '$lib/db/videos';
import { normalize } from '$lib/people/embedding';
import { useFreshDatabase } from '../support/fresh-database';
import { seedVideos } from '../support/seed-videos';

let db: KffDatabase;
useFreshDatabase((fresh) => (db = fresh));

const box = { x: 0, y: 0, width: 1, height: 1, score: 0.9, keypoints: [] };
/** seedVideos' keyframes are at frames 0 and 10: Ann on 0 (two faces), Bea on 10. */
const keyframes = [
	{ frameIndex: 0, faces: [box, box] },
	{ frameIndex: 10, faces: [box] }
];
const faces = [
	{ frameIndex: 0, faceIndex: 0, embedding: normalize([1, 0, 0]) },
	{ frameIndex: 0, faceIndex: 1, embedding: normalize([1, 0.05, 0]) },
	{ frameIndex: 10, faceIndex: 0, embedding: normalize([0, 1, 0]) }
];

async function library() {
	const [video] = await seedVideos(db, 1);
	await saveVideoFaces(db, video.id, faces, keyframes);
	const personOf = async (frameIndex: number, faceIndex = 0) =>
		(await db.faces.get(faceId(video.id, frameIndex, faceIndex)))!.personId;
	return { video, ann: await personOf(0), bea: await personOf(10), personOf };
}

/** What a page left right after its click leaves: the edit stored, not applied. */
async function leftBehind(...edits: PendingEdit[]) {
	for (const edit of edits) await db.pendingEdits.add({ edit });
}

it('a merge and a move are applied as they are asked for, and leave nothing pending', async () => {
	const { video, ann, bea, personOf } = await library();
	expect(ann).not.toBe(bea);
	const moved = await moveFace(db, faceId(video.id, 0, 1), null);
	expect(await personOf(0, 1)).toBe(moved);
	expect((await db.persons.get(moved))!.faceCount).toBe(1);
	expect((await db.persons.get(ann))!.faceCount).toBe(1);
	await mergePersons(db, moved, bea);
	expect(await personOf(0, 1)).toBe(bea);
	expect(await db.persons.get(moved)).toBeUndefined();
	expect((await db.persons.get(bea))!.faceCount).toBe(2);
	expect(await db.pendingEdits.count()).toBe(0);
});

it('edits a left page stored are applied later, in order, once', async () => {
	const { video, ann, bea, personOf } = await library();
	// Moved to a new person, which is then merged into Bea: the order decides the outcome.
	await leftBehind(
		{ kind: 'move', faceId: faceId(video.id, 0, 1), to: 'new-one', newPerson: true },
		{ kind: 'merge', from: 'new-one', into: bea }
	);
	expect(await personOf(0, 1)).toBe(ann);
	await applyPendingEdits(db);
	expect(await personOf(0, 1)).toBe(bea);
	expect(await db.persons.get('new-one')).toBeUndefined();
	expect((await db.persons.get(bea))!.faceCount).toBe(2);
	expect((await db.persons.get(ann))!.faceCount).toBe(1);
	expect(await db.pendingEdits.count()).toBe(0);
	// Applying again changes nothing.
	const before = await db.persons.toArray();
	await applyPendingEdits(db);
	expect(await db.persons.toArray()).toEqual(before);
});

it('drops an edit whose face or person went meanwhile', async () => {
	const { video, ann, bea, personOf } = await library();
	await leftBehind(
		{ kind: 'merge', from: bea, into: ann },
		// Bea was merged away by the edit before: the face stays where it is.
		{ kind: 'move', faceId: faceId(video.id, 0, 1), to: bea, newPerson: false }
	);
	await applyPendingEdits(db);
	expect(await personOf(0, 1)).toBe(ann);
	expect(await personOf(10)).toBe(ann);
	expect((await db.persons.toArray()).map((p) => p.id)).toEqual([ann]);

	await hardDeleteVideos(db, [video.id]);
	await leftBehind({ kind: 'move', faceId: faceId(video.id, 0, 0), to: 'x', newPerson: true });
	await applyPendingEdits(db);
	expect(await db.persons.count()).toBe(0);
	expect(await db.pendingEdits.count()).toBe(0);
});

it('a video’s tags: stored at once, applied later if the page left, the last asked for winning', async () => {
	const { video } = await library();
	await leftBehind({ kind: 'video-tags', videoId: video.id, tags: ['first'] });
	expect((await db.videos.get(video.id))!.tags).toEqual([]);
	// Another tab's later edit applies what was pending first, then its own.
	expect(await setVideoTags(db, video.id, [' second ', 'second'])).toEqual(['second']);
	expect((await db.videos.get(video.id))!.tags).toEqual(['second']);
	expect(await db.pendingEdits.count()).toBe(0);
	// The history's tag filter sees it (the derived keys follow).
	expect((await db.videos.where('tags').equals('second').primaryKeys()).length).toBe(1);
	expect(await setVideoTags(db, 'gone', ['x'])).toBeNull();
});

it('to the trash and back: stored at once, applied later if the page left, in the order asked', async () => {
	const [a, b] = await seedVideos(db, 2);
	const deletedAt = async (id: string) => (await db.videos.get(id))!.deletedAt;
	// A restore asked right after a move to the trash, both left behind by a closed page.
	await leftBehind(
		{ kind: 'videos-trash', ids: [a.id, b.id], at: 1000 },
		{ kind: 'videos-restore', ids: [b.id], at: 2000 }
	);
	expect(await deletedAt(a.id)).toBe(NOT_DELETED);
	await applyLeftEdits(db);
	expect(await deletedAt(a.id)).toBe(1000);
	expect(await deletedAt(b.id)).toBe(NOT_DELETED);
	expect(await db.pendingEdits.count()).toBe(0);
	// Asked for by a page that stays: counts of what moved, a video already there not counted.
	expect(await moveVideosToTrash(db, [a.id, b.id], 3000)).toBe(1);
	expect(await deletedAt(a.id)).toBe(1000);
	expect(await deletedAt(b.id)).toBe(3000);
	expect(await restoreVideosFromTrash(db, [a.id, b.id, 'gone'])).toBe(2);
	expect(await deletedAt(a.id)).toBe(NOT_DELETED);
	expect(await db.pendingEdits.count()).toBe(0);
});

it('start-up purges the old trash only after a restore a closed page left', async () => {
	const day = 24 * 3600 * 1000;
	const now = 100 * day;
	const [kept, gone] = await seedVideos(db, 2);
	await moveVideosToTrash(db, [kept.id, gone.id], now - 40 * day);
	await leftBehind({ kind: 'videos-restore', ids: [kept.id], at: now - day });
	expect(await purgeTrashAfterLeftEdits(db, 30, now)).toBe(1);
	expect((await db.videos.get(kept.id))!.deletedAt).toBe(NOT_DELETED);
	expect(await db.videos.get(gone.id)).toBeUndefined();
});

it('start-up purges nothing while the edits a closed page left cannot be applied', async () => {
	const day = 24 * 3600 * 1000;
	const now = 100 * day;
	const [kept] = await seedVideos(db, 1);
	await moveVideosToTrash(db, [kept.id], now - 40 * day);
	await leftBehind({ kind: 'videos-restore', ids: [kept.id], at: now - day });
	// Only the pending edits fail to apply: the purge itself would work.
	const failing = Object.create(db, {
		transaction: {
			value: (...args: unknown[]) =>
				args.flat().includes(db.pendingEdits)
					? Promise.reject(new Error('disk full'))
					: (db.transaction as (...a: unknown[]) => Promise<unknown>)(...args)
		}
	}) as typeof db;
	await expect(purgeTrashAfterLeftEdits(failing, 30, now)).rejects.toThrow('disk full');
	expect((await db.videos.get(kept.id))!.deletedAt).toBe(now - 40 * day);
	expect(await db.pendingEdits.count()).toBe(1);
});

it('start-up never fails on an edit it cannot apply: the edit stays for the next try', async () => {
	await leftBehind({ kind: 'merge', from: 'a', into: 'b' });
	const failing = Object.create(db, {
		transaction: { value: () => Promise.reject(new Error('disk full')) }
	}) as typeof db;
	await expect(applyLeftEdits(failing)).resolves.toBeUndefined();
	expect(await db.pendingEdits.count()).toBe(1);
});
