import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import type { KffDatabase } from '$lib/db/database';
import {
	faceId,
	keyframesOfPerson,
	keyframesToEmbed,
	labelPerson,
	listPersons,
	personOptions,
	personsOfVideo,
	peopleDueVideos,
	saveVideoFaces,
	videosOfPerson,
	videosWithoutFaces
} from '$lib/db/people';
import { queryHistory } from '$lib/db/history';
import { mergePersons, moveFace } from '$lib/db/person-edits';
import { hardDeleteVideos, restoreVideos, softDeleteVideos } from '$lib/db/trash';
import { normalize } from '$lib/people/embedding';
import { useFreshDatabase } from '../support/fresh-database';
import { seedVideos, testBatch, testFiles } from '../support/seed-videos';
import { addVideosToBatch } from '$lib/db/videos';

let db: KffDatabase;
useFreshDatabase((fresh) => (db = fresh));

const ANN = normalize([1, 0, 0]);
const BEA = normalize([0, 1, 0]);
const box = { x: 0, y: 0, width: 1, height: 1, score: 0.9, keypoints: [] };
/** seedVideos' keyframes are at frames 0 and 10: Ann on 0, Bea on 10. */
const keyframes = [
	{ frameIndex: 0, faces: [box] },
	{ frameIndex: 10, faces: [box] }
];
const faces = [
	{ frameIndex: 0, faceIndex: 0, embedding: ANN },
	{ frameIndex: 10, faceIndex: 0, embedding: BEA }
];

async function personOf(videoId: string, frameIndex: number) {
	return (await db.faces.get(faceId(videoId, frameIndex, 0)))!.personId;
}

/**
 * `count` videos (at least two): the first with Ann's and Bea's faces, the second with Ann's
 * only; the persons they were placed into.
 */
async function annAndBea(count = 2) {
	const videos = await seedVideos(db, count);
	await saveVideoFaces(db, videos[0].id, faces, keyframes);
	await saveVideoFaces(db, videos[1].id, [faces[0]], keyframes);
	return { videos, ann: await personOf(videos[0].id, 0), bea: await personOf(videos[0].id, 10) };
}

/** A person's row as the People page shows it. */
async function row(id: string) {
	return (await db.persons.get(id))!;
}

it('groups the faces of several videos into persons with counts', async () => {
	const [v1, v2] = await seedVideos(db, 2);
	await saveVideoFaces(db, v1.id, faces, keyframes);
	await saveVideoFaces(db, v2.id, faces, keyframes);
	const list = await listPersons(db, false);
	expect(list).toHaveLength(2);
	for (const row of list) expect(row).toMatchObject({ keyframes: 2, videos: 2 });
	expect(await personOf(v1.id, 0)).toBe(await personOf(v2.id, 0));
	expect(await personOf(v1.id, 0)).not.toBe(await personOf(v1.id, 10));
});

it('replaces a video’s faces when it runs again, without growing its persons', async () => {
	const [v1] = await seedVideos(db, 1);
	await saveVideoFaces(db, v1.id, faces, keyframes);
	await saveVideoFaces(db, v1.id, faces, keyframes);
	expect(await db.faces.count()).toBe(2);
	expect((await db.persons.toArray()).map((p) => p.faceCount)).toEqual([1, 1]);
});

it('renames, hides, merges and moves, and tells who each face of a video is', async () => {
	const [v1] = await seedVideos(db, 1);
	await saveVideoFaces(db, v1.id, faces, keyframes);
	const ann = await personOf(v1.id, 0);
	const bea = await personOf(v1.id, 10);
	await labelPerson(db, await row(ann), { name: '  Ann  ' });
	expect((await personsOfVideo(db, v1.id)).get('0/0')).toEqual({ personId: ann, name: 'Ann' });
	expect((await personsOfVideo(db, v1.id)).get('10/0')).toEqual({ personId: bea, name: null });

	await labelPerson(db, await row(bea), { hidden: true });
	expect((await listPersons(db, false)).map((r) => r.person.id)).toEqual([ann]);
	expect(await listPersons(db, true)).toHaveLength(2);

	await mergePersons(db, bea, ann);
	expect(await db.persons.count()).toBe(1);
	expect((await keyframesOfPerson(db, ann, { offset: 0, limit: 10 })).total).toBe(2);

	const moved = await moveFace(db, faceId(v1.id, 10, 0), null);
	expect(moved).not.toBe(ann);
	expect((await keyframesOfPerson(db, ann, { offset: 0, limit: 10 })).total).toBe(1);
	expect((await db.persons.get(ann))!.faceCount).toBe(1);
	await moveFace(db, faceId(v1.id, 10, 0), ann);
	// The person left without faces goes.
	expect(await db.persons.get(moved!)).toBeUndefined();
});

it('leaves trashed videos’ faces out, brings them back on restore, deletes them for good', async () => {
	const {
		videos: [v1]
	} = await annAndBea();
	await softDeleteVideos(db, [v1.id], Date.now());
	const list = await listPersons(db, false);
	expect(list).toHaveLength(1);
	expect(list[0]).toMatchObject({ keyframes: 1, videos: 1 });
	const ann = list[0].person.id;
	expect((await keyframesOfPerson(db, ann, { offset: 0, limit: 10 })).total).toBe(1);

	await restoreVideos(db, [v1.id]);
	expect(await listPersons(db, false)).toHaveLength(2);

	await hardDeleteVideos(db, [v1.id]);
	expect(await db.faces.count()).toBe(1);
	expect((await db.persons.toArray()).map((p) => p.id)).toEqual([ann]);
});

it('a label written over an older row keeps what changed since, and brings no merged person back', async () => {
	const [v1, v2] = await seedVideos(db, 2);
	await saveVideoFaces(db, v1.id, faces, keyframes);
	const ann = await personOf(v1.id, 0);
	const bea = await personOf(v1.id, 10);
	const annShown = await row(ann);
	const beaShown = await row(bea);
	// Meanwhile, another writer: Ann gains the faces of a second video, Bea is merged into Ann.
	await saveVideoFaces(db, v2.id, [faces[0]], keyframes);
	await mergePersons(db, bea, ann);
	await labelPerson(db, annShown, { name: 'Ann' });
	await labelPerson(db, beaShown, { hidden: true });
	expect(await db.persons.toArray()).toMatchObject([{ id: ann, name: 'Ann', faceCount: 3 }]);
});

it("covers a person with their best face outside the trash, from the faces' ids alone", async () => {
	const [v1, v2] = await seedVideos(db, 2);
	const small = { ...box, width: 0.5, height: 0.5 };
	// Ann is big on v1's frame 0 and small on v2's frame 10 (the cover is the keyframe's own face).
	await db.keyframes.where({ videoId: v1.id, frameIndex: 0 }).modify({ faces: [box] });
	await db.keyframes.where({ videoId: v2.id, frameIndex: 10 }).modify({ faces: [small] });
	await saveVideoFaces(db, v1.id, [faces[0]], [{ frameIndex: 0, faces: [box] }]);
	await saveVideoFaces(
		db,
		v2.id,
		[{ frameIndex: 10, faceIndex: 0, embedding: ANN }],
		[{ frameIndex: 10, faces: [small] }]
	);
	const [ann] = await listPersons(db, false);
	expect(ann).toMatchObject({ keyframes: 2, videos: 2 });
	expect(ann.cover?.face).toEqual(box);
	await softDeleteVideos(db, [v1.id], Date.now());
	const [left] = await listPersons(db, false);
	expect(left).toMatchObject({ keyframes: 1, videos: 1 });
	expect(left.cover?.face).toEqual(small);
});

it('offers the persons of some videos or all, and tells which videos a person is in', async () => {
	const {
		videos: [v1, v2],
		ann,
		bea
	} = await annAndBea();
	await labelPerson(db, await row(ann), { name: 'Ann' });
	// Most faces first.
	expect(await personOptions(db)).toEqual([
		{ id: ann, name: 'Ann' },
		{ id: bea, name: null }
	]);
	expect(await personOptions(db, [v2.id])).toEqual([{ id: ann, name: 'Ann' }]);
	expect(await videosOfPerson(db, bea)).toEqual([v1.id]);
	expect((await videosOfPerson(db, ann)).sort()).toEqual([v1.id, v2.id].sort());
	await softDeleteVideos(db, [v1.id], Date.now());
	expect(await personOptions(db)).toEqual([{ id: ann, name: 'Ann' }]);
});

it('embeds only what is missing: older videos, and keyframes added or taken again', async () => {
	const [v1, v2] = await seedVideos(db, 2);
	await db.keyframes.toCollection().modify({ faces: [box] });
	await saveVideoFaces(db, v2.id, faces, keyframes);
	expect(await videosWithoutFaces(db)).toEqual([v1.id]);
	const first = await keyframesToEmbed(db, v1.id);
	expect(first.todo.map((k) => k.frameIndex)).toEqual([0, 10]);
	expect([...first.keep]).toEqual([]);

	// Frame 0 is embedded first, then only frame 10: frame 0's face stays as it was.
	await saveVideoFaces(db, v1.id, [faces[0]], first.todo.slice(0, 1), first.keep);
	const ann = await personOf(v1.id, 0);
	expect(await videosWithoutFaces(db)).toEqual([]);
	const second = await keyframesToEmbed(db, v1.id);
	expect(second.todo.map((k) => k.frameIndex)).toEqual([10]);
	expect([...second.keep]).toEqual([0]);
	await saveVideoFaces(db, v1.id, [faces[1]], second.todo, second.keep);
	expect(await db.faces.where('videoId').equals(v1.id).count()).toBe(2);
	expect(await personOf(v1.id, 0)).toBe(ann);
	expect(await personOf(v1.id, 10)).toBe(await personOf(v2.id, 10));
	expect((await keyframesToEmbed(db, v1.id)).todo).toEqual([]);

	// A keyframe taken again with two faces is embedded again.
	await db.keyframes
		.filter((k) => k.videoId === v1.id && k.frameIndex === 10)
		.modify({ faces: [box, box] });
	expect((await keyframesToEmbed(db, v1.id)).todo.map((k) => k.frameIndex)).toEqual([10]);
});

it('narrows History to the videos a person is in, with or without a name search', async () => {
	const {
		videos: [v1, v2, v3],
		ann,
		bea
	} = await annAndBea(3);
	const q = { sort: 'name', direction: 'asc', page: 1, pageSize: 20 } as const;
	const names = async (extra: { person?: string; search?: string }) =>
		(await queryHistory(db, { ...q, ...extra })).rows.map((v) => v.id);
	expect(await names({})).toEqual([v1.id, v2.id, v3.id]);
	expect(await names({ person: ann })).toEqual([v1.id, v2.id]);
	expect(await names({ person: bea })).toEqual([v1.id]);
	expect(await names({ person: ann, search: 'v1' })).toEqual([v2.id]);
	expect(await names({ person: bea, search: 'v1' })).toEqual([]);
	expect((await queryHistory(db, { ...q, person: ann })).total).toBe(2);
});

it("keeps each video's persons on its row for History's filter: saved, merged, moved, trashed, run again", async () => {
	const {
		videos: [v1, v2],
		ann,
		bea
	} = await annAndBea();
	const personsOf = async (id: string) => (await db.videos.get(id))!.personIds;
	const withPerson = async (person: string) =>
		(
			await queryHistory(db, { person, sort: 'name', direction: 'asc', page: 1, pageSize: 20 })
		).rows.map((v) => v.id);
	expect(await personsOf(v1.id)).toEqual([ann, bea].sort());
	expect(await personsOf(v2.id)).toEqual([ann]);
	expect(await withPerson(ann)).toEqual([v1.id, v2.id]);

	// Ann's faces become Bea's, in both videos.
	await mergePersons(db, ann, bea);
	expect(await personsOf(v1.id)).toEqual([bea]);
	expect(await personsOf(v2.id)).toEqual([bea]);
	expect(await withPerson(ann)).toEqual([]);
	expect(await withPerson(bea)).toEqual([v1.id, v2.id]);

	// v2's only face goes to a new person: v2 is no longer Bea's.
	const moved = (await moveFace(db, faceId(v2.id, 0, 0), null))!;
	expect(await personsOf(v2.id)).toEqual([moved]);
	expect(await withPerson(moved)).toEqual([v2.id]);
	expect(await withPerson(bea)).toEqual([v1.id]);

	await softDeleteVideos(db, [v1.id], Date.now());
	expect(await withPerson(bea)).toEqual([]);
	await restoreVideos(db, [v1.id]);
	expect(await withPerson(bea)).toEqual([v1.id]);

	// Run again with no face found: v1 has no person left.
	await saveVideoFaces(db, v1.id, [], keyframes);
	expect(await personsOf(v1.id)).toEqual([]);
	expect(await withPerson(bea)).toEqual([]);
});

it("orders a person's many videos through the sort index, as a search's many matches", async () => {
	// Over ORDER_IN_MEMORY_UP_TO (2,000) videos with the person: their rows are not all read.
	const videos = await addVideosToBatch(db, testBatch(), testFiles(2_050));
	const theirs = videos.slice(0, 2_010);
	await db.faces.bulkAdd(
		theirs.map((v) => ({
			id: faceId(v.id, 0, 0),
			videoId: v.id,
			frameIndex: 0,
			faceIndex: 0,
			embedding: ANN,
			personId: 'p',
			quality: 1
		}))
	);
	// As people.ts stores them with its faces (written here past it, for speed).
	await db.videos
		.where(':id')
		.anyOf(theirs.map((v) => v.id))
		.modify({ personIds: ['p'] });
	await softDeleteVideos(db, [theirs[3].id], 5);
	const desc = theirs
		.filter((_, i) => i !== 3)
		.map((v) => v.name)
		.sort()
		.reverse();
	const q = { person: 'p', sort: 'name', direction: 'desc', page: 3, pageSize: 50 } as const;
	const page = await queryHistory(db, q);
	expect(page.total).toBe(2_009);
	expect(page.rows.map((v) => v.name)).toEqual(desc.slice(100, 150));
	const named = await queryHistory(db, { ...q, search: 'V1', page: 1 });
	expect(named.rows.map((v) => v.name)).toEqual(
		desc.filter((n) => n.startsWith('v1')).slice(0, 50)
	);
});

it('a video stays due for People until its faces are stored, or it is deleted for good', async () => {
	const [v1, v2] = await seedVideos(db, 2);
	await db.peopleDue.bulkPut([{ videoId: v1.id }, { videoId: v2.id }]);
	await saveVideoFaces(db, v1.id, faces, keyframes);
	expect(await peopleDueVideos(db)).toEqual([v2.id]);
	await softDeleteVideos(db, [v2.id], 1);
	expect(await peopleDueVideos(db)).toEqual([v2.id]);
	await hardDeleteVideos(db, [v2.id]);
	expect(await peopleDueVideos(db)).toEqual([]);
});
