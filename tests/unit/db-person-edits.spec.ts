import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import type { KffDatabase } from '$lib/db/database';
import { faceId, saveVideoFaces } from '$lib/db/people';
import type { PersonEdit } from '$lib/db/people-records';
import { applyPersonEdits, mergePersons, moveFace } from '$lib/db/person-edits';
import { hardDeleteVideos } from '$lib/db/trash';
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
async function leftBehind(...edits: PersonEdit[]) {
	for (const edit of edits) await db.personEdits.add({ edit });
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
	expect(await db.personEdits.count()).toBe(0);
});

it('edits a left page stored are applied later, in order, once', async () => {
	const { video, ann, bea, personOf } = await library();
	// Moved to a new person, which is then merged into Bea: the order decides the outcome.
	await leftBehind(
		{ kind: 'move', faceId: faceId(video.id, 0, 1), to: 'new-one', newPerson: true },
		{ kind: 'merge', from: 'new-one', into: bea }
	);
	expect(await personOf(0, 1)).toBe(ann);
	await applyPersonEdits(db);
	expect(await personOf(0, 1)).toBe(bea);
	expect(await db.persons.get('new-one')).toBeUndefined();
	expect((await db.persons.get(bea))!.faceCount).toBe(2);
	expect((await db.persons.get(ann))!.faceCount).toBe(1);
	expect(await db.personEdits.count()).toBe(0);
	// Applying again changes nothing.
	const before = await db.persons.toArray();
	await applyPersonEdits(db);
	expect(await db.persons.toArray()).toEqual(before);
});

it('drops an edit whose face or person went meanwhile', async () => {
	const { video, ann, bea, personOf } = await library();
	await leftBehind(
		{ kind: 'merge', from: bea, into: ann },
		// Bea was merged away by the edit before: the face stays where it is.
		{ kind: 'move', faceId: faceId(video.id, 0, 1), to: bea, newPerson: false }
	);
	await applyPersonEdits(db);
	expect(await personOf(0, 1)).toBe(ann);
	expect(await personOf(10)).toBe(ann);
	expect((await db.persons.toArray()).map((p) => p.id)).toEqual([ann]);

	await hardDeleteVideos(db, [video.id]);
	await leftBehind({ kind: 'move', faceId: faceId(video.id, 0, 0), to: 'x', newPerson: true });
	await applyPersonEdits(db);
	expect(await db.persons.count()).toBe(0);
	expect(await db.personEdits.count()).toBe(0);
});
