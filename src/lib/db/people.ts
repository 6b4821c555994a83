// People's queries: faces of completed videos placed into persons (incrementally, by
// $lib/people/cluster), the People page's list and edits, a person's keyframes, and who each face
// of a video is (export). A face of a video in the trash is left out everywhere, not deleted:
// restoring the video brings its person back.
import { placeFaces, type PersonCentre } from '$lib/people/cluster';
import { faceQuality, meanOf, type Embedding } from '$lib/people/embedding';
import { faceKey } from '$lib/people/face-key';
import { commitNow } from './commit-now';
import type { KffDatabase } from './database';
import { withPrefix } from './key-range';
import { keyframesOfVideo } from './keyframes';
import { trashedVideos } from './trashed-videos';
import type { FaceRecord, PersonEdit, PersonRecord } from './people-records';
import { NOT_DELETED, type KeyframeRecord, type StoredFace } from './types';
import { renamePersonInVideos, storeVideoPersons, videoOfFace } from './video-persons';

export type { FaceRecord, PersonRecord };

/** A face's id: its keyframe and its place in that keyframe's `faces`. */
export function faceId(videoId: string, frameIndex: number, faceIndex: number): string {
	return `${videoId}/${frameIndex}/${faceIndex}`;
}

export interface NewFace {
	frameIndex: number;
	faceIndex: number;
	embedding: Embedding;
}

/** Groups in first-seen order (Map.groupBy is newer than the browsers and Node we support). */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const item of items) {
		const k = key(item);
		const group = groups.get(k);
		if (group) group.push(item);
		else groups.set(k, [item]);
	}
	return groups;
}

/** Recomputes the persons' centres and counts from their faces; one without faces goes. */
async function refreshPersons(db: KffDatabase, ids: Iterable<string>, now: number) {
	for (const id of new Set(ids)) {
		const faces = await db.faces.where('personId').equals(id).toArray();
		if (faces.length === 0) {
			await db.persons.delete(id);
			continue;
		}
		await db.persons.update(id, {
			centroid: meanOf(faces.map((f) => f.embedding)),
			faceCount: faces.length,
			updatedAt: now
		});
	}
}

/**
 * Replaces the video's faces with `faces` (of its keyframes, whose boxes give each face's
 * quality) and places them into persons, merging persons that come to look alike. The faces
 * of the frames in `keep` stay as they are (and where they are): embedding only what is new.
 */
export function saveVideoFaces(
	db: KffDatabase,
	videoId: string,
	faces: readonly NewFace[],
	keyframes: readonly { frameIndex: number; faces: StoredFace[] }[],
	keep: ReadonlySet<number> = new Set()
): Promise<void> {
	const boxes = new Map(keyframes.map((k) => [k.frameIndex, k.faces]));
	// Best faces first: they start the persons the others join.
	const records: Omit<FaceRecord, 'personId'>[] = faces
		.map((f) => {
			const box = boxes.get(f.frameIndex)?.[f.faceIndex];
			return {
				id: faceId(videoId, f.frameIndex, f.faceIndex),
				videoId,
				frameIndex: f.frameIndex,
				faceIndex: f.faceIndex,
				embedding: f.embedding,
				quality: box ? faceQuality(box) : 0
			};
		})
		.sort((a, b) => b.quality - a.quality);
	return db.transaction('rw', [...peopleTables(db), db.videos], async () => {
		const now = Date.now();
		await db.peopleDue.delete(videoId);
		const old = (await db.faces.where('videoId').equals(videoId).toArray()).filter(
			(f) => !keep.has(f.frameIndex)
		);
		await db.faces.bulkDelete(old.map((f) => f.id));
		await refreshPersons(
			db,
			old.map((f) => f.personId),
			now
		);
		const persons = await db.persons.toArray();
		const centres: PersonCentre[] = persons.map((p) => ({
			id: p.id,
			centroid: p.centroid,
			count: p.faceCount,
			named: p.name !== null
		}));
		const { placed, merged } = placeFaces(centres, records, () => crypto.randomUUID());
		const known = new Set(persons.map((p) => p.id));
		for (const id of new Set(placed.values())) {
			if (known.has(id)) continue;
			await db.persons.add({
				id,
				name: null,
				hidden: false,
				centroid: [],
				faceCount: 0,
				createdAt: now,
				updatedAt: now
			});
		}
		await db.faces.bulkAdd(records.map((r) => ({ ...r, personId: placed.get(r.id)! })));
		for (const [gone, into] of merged) await mergeInto(db, gone, into);
		await refreshPersons(db, [...placed.values(), ...merged.values()], now);
		await storeVideoPersons(db, [videoId]);
	});
}

/**
 * What People still has to embed of a video: its keyframes whose faces have no embeddings (or
 * not one per face: the frame was taken again), and the frames whose embeddings stay.
 */
export function keyframesToEmbed(
	db: KffDatabase,
	videoId: string
): Promise<{ todo: KeyframeRecord[]; keep: Set<number> }> {
	return db.transaction('r', db.keyframes, db.faces, async () => {
		const keyframes = await keyframesOfVideo(db, videoId);
		const embedded = new Map<number, number>();
		for (const f of await db.faces.where('videoId').equals(videoId).toArray())
			embedded.set(f.frameIndex, (embedded.get(f.frameIndex) ?? 0) + 1);
		const todo = keyframes.filter(
			(k) => k.faces.length > 0 && embedded.get(k.frameIndex) !== k.faces.length
		);
		const redo = new Set(todo.map((k) => k.frameIndex));
		const keep = new Set(keyframes.filter((k) => !redo.has(k.frameIndex)).map((k) => k.frameIndex));
		return { todo, keep };
	});
}

/**
 * Completed videos outside the trash with keyframes but no face in People: processed before
 * People existed, or while face recognition could not run.
 */
export function videosWithoutFaces(db: KffDatabase): Promise<string[]> {
	return db.transaction('r', db.videos, db.faces, async () => {
		const withFaces = new Set(
			(await db.faces.orderBy('videoId').uniqueKeys()).map((k) => String(k))
		);
		return db.videos
			.where('[deletedAt+status+createdAt]')
			.between(...withPrefix(NOT_DELETED, 'completed'), true, true)
			.filter((v) => v.keyframeCount > 0 && !withFaces.has(v.id))
			.primaryKeys();
	});
}

/** Moves `from`'s faces to `into` (which keeps its name, or takes `from`'s) and drops `from`. */
async function mergeInto(db: KffDatabase, from: string, into: string) {
	const [a, b] = await db.persons.bulkGet([from, into]);
	if (!a || !b) return;
	const moved = await db.faces.where('personId').equals(from).primaryKeys();
	await db.faces.where('personId').equals(from).modify({ personId: into });
	await renamePersonInVideos(db, moved.map(videoOfFace), from, into);
	if (b.name === null && a.name !== null) await db.persons.update(into, { name: a.name });
	await db.persons.delete(from);
}

/** Applies a merge or a face move (pending-edits.ts); one whose face or person went is dropped. */
export async function applyPersonEdit(db: KffDatabase, edit: PersonEdit, now: number) {
	if (edit.kind === 'merge') {
		await mergeInto(db, edit.from, edit.into);
		await refreshPersons(db, [edit.into], now);
		return;
	}
	const face = await db.faces.get(edit.faceId);
	// The face's video was deleted, or re-run, since: nothing to move.
	if (!face || face.personId === edit.to) return;
	if (edit.newPerson) {
		await db.persons.put({
			id: edit.to,
			name: null,
			hidden: false,
			centroid: face.embedding,
			faceCount: 1,
			createdAt: now,
			updatedAt: now
		});
	} else if (!(await db.persons.get(edit.to))) {
		// The person it was moved to was merged away or emptied meanwhile.
		return;
	}
	await db.faces.update(edit.faceId, { personId: edit.to });
	await refreshPersons(db, [face.personId, edit.to], now);
	await storeVideoPersons(db, [face.videoId]);
}

/** Ids of the videos in the trash. */
function trashedVideoIds(db: KffDatabase): Promise<string[]> {
	return trashedVideos(db).primaryKeys();
}

export interface PersonCover {
	thumb: Blob;
	face: StoredFace;
	/** The keyframe's size the face box is in. */
	width: number;
	height: number;
}

export interface PersonSummary {
	person: PersonRecord;
	keyframes: number;
	videos: number;
	cover: PersonCover | null;
}

/** A face's keyframe, from its id (faceId). */
function keyframeOfFace(id: string): string {
	return id.slice(0, id.lastIndexOf('/'));
}

/** The picture of the face `id` (faceId) on its keyframe, or null when the keyframe is gone. */
function faceCover(db: KffDatabase, id: string): Promise<PersonCover | null> {
	const [videoId, frameIndex, faceIndex] = id.split('/');
	return db.keyframes
		.where('[videoId+frameIndex]')
		.equals([videoId, Number(frameIndex)])
		.first()
		.then((keyframe) => {
			const face = keyframe?.faces[Number(faceIndex)];
			return keyframe && face
				? { thumb: keyframe.thumb, face, width: keyframe.width, height: keyframe.height }
				: null;
		});
}

/**
 * A person's counts and cover (their best face outside the trash), from their faces' ids in
 * quality order: no face is read, embeddings and all. Null when all their faces are in the trash.
 */
function personSummary(
	db: KffDatabase,
	person: PersonRecord,
	trashed: ReadonlySet<string>
): Promise<PersonSummary | null> {
	return db.faces
		.where('[personId+quality]')
		.between(...withPrefix(person.id), true, true)
		.reverse()
		.primaryKeys()
		.then((ids) => {
			const own = ids.filter((id) => !trashed.has(videoOfFace(id)));
			if (!own.length) return null;
			return faceCover(db, own[0]).then((cover) => ({
				person,
				keyframes: new Set(own.map(keyframeOfFace)).size,
				videos: new Set(own.map(videoOfFace)).size,
				cover
			}));
		});
}

/** Persons with faces outside the trash, most keyframes first; hidden ones only when asked. */
export function listPersons(db: KffDatabase, withHidden: boolean): Promise<PersonSummary[]> {
	return db.transaction('r', db.persons, db.faces, db.videos, db.keyframes, () =>
		Promise.all([trashedVideoIds(db), db.persons.toArray()])
			.then(([trashedIds, persons]) => {
				const trashed = new Set(trashedIds);
				const shown = persons.filter((p) => withHidden || !p.hidden);
				return Promise.all(shown.map((p) => personSummary(db, p, trashed)));
			})
			.then((rows) =>
				rows
					.filter((r): r is PersonSummary => r !== null)
					.sort((a, b) => b.keyframes - a.keyframes || a.person.createdAt - b.person.createdAt)
			)
	);
}

/** Persons' centres, to find the one a reference photo shows. */
export async function personCentres(
	db: KffDatabase
): Promise<{ id: string; centroid: Embedding }[]> {
	return (await db.persons.toArray()).map(({ id, centroid }) => ({ id, centroid }));
}

/** What a person's card edits. */
export type PersonLabel = Partial<Pick<PersonRecord, 'name' | 'hidden'>>;

/**
 * Stores a rename or a hide as one put of `shown` (the row as the page holds it) with the edit,
 * committed at once, then recomputes what another writer may have changed meanwhile. A
 * read-then-write (Dexie's `update`) needs the page to run the read's success event, which a
 * page left right after the edit never does: the name was lost. The refresh puts back the centre
 * and count from the faces, and removes the row again if the person was merged away since.
 */
export async function labelPerson(
	db: KffDatabase,
	shown: PersonRecord,
	label: PersonLabel,
	now = Date.now()
): Promise<void> {
	const row = { ...shown, ...label, updatedAt: now };
	if (label.name !== undefined) row.name = label.name?.trim() || null;
	await db.transaction('rw', db.persons, () => {
		const stored = db.persons.put(row);
		commitNow();
		return stored;
	});
	await db.transaction('rw', db.faces, db.persons, () => refreshPersons(db, [shown.id], now));
}

export interface PersonKeyframe {
	keyframe: KeyframeRecord;
	videoName: string;
	/** The person's faces on it (their index in `keyframe.faces` and id). */
	faces: { faceIndex: number; id: string }[];
}

/** A page of the person's keyframes outside the trash, by video name then time, and the total. */
export function keyframesOfPerson(
	db: KffDatabase,
	personId: string,
	{ offset, limit }: { offset: number; limit: number }
): Promise<{ rows: PersonKeyframe[]; total: number }> {
	return db.transaction('r', db.faces, db.videos, db.keyframes, async () => {
		const faces = await db.faces.where('personId').equals(personId).toArray();
		const videos = new Map(
			(await db.videos.bulkGet([...new Set(faces.map((f) => f.videoId))]))
				.filter((v) => v !== undefined && v.deletedAt === NOT_DELETED)
				.map((v) => [v!.id, v!.name])
		);
		const frames = [
			...groupBy(
				faces.filter((f) => videos.has(f.videoId)),
				(f) => `${f.videoId}/${f.frameIndex}`
			).values()
		].sort(
			(a, b) =>
				videos.get(a[0].videoId)!.localeCompare(videos.get(b[0].videoId)!) ||
				a[0].videoId.localeCompare(b[0].videoId) ||
				a[0].frameIndex - b[0].frameIndex
		);
		const rows: PersonKeyframe[] = [];
		for (const own of frames.slice(offset, offset + limit)) {
			const { videoId, frameIndex } = own[0];
			const keyframe = await db.keyframes
				.where('[videoId+frameIndex]')
				.equals([videoId, frameIndex])
				.first();
			if (!keyframe) continue;
			rows.push({
				keyframe,
				videoName: videos.get(videoId)!,
				faces: own.map((f) => ({ faceIndex: f.faceIndex, id: f.id }))
			});
		}
		return { rows, total: frames.length };
	});
}

/** Who each face of the video is, by faceKey → person id and name. */
export async function personsOfVideo(
	db: KffDatabase,
	videoId: string
): Promise<Map<string, { personId: string; name: string | null }>> {
	const faces = await db.faces.where('videoId').equals(videoId).toArray();
	const persons = new Map(
		(await db.persons.bulkGet([...new Set(faces.map((f) => f.personId))]))
			.filter((p) => p !== undefined)
			.map((p) => [p.id, p.name])
	);
	return new Map(
		faces.map((f) => [
			faceKey(f.frameIndex, f.faceIndex),
			{ personId: f.personId, name: persons.get(f.personId) ?? null }
		])
	);
}

export interface PersonOption {
	id: string;
	name: string | null;
}

/**
 * The persons to filter by: those with faces in `videoIds` (every video when omitted), outside
 * the trash, most faces first. For every video, the persons' own face counts less the faces in
 * the trash: only those faces are read, never all (with their embeddings, ~1 KB each).
 */
export function personOptions(
	db: KffDatabase,
	videoIds?: readonly string[]
): Promise<PersonOption[]> {
	return db.transaction('r', db.persons, db.faces, db.videos, async () => {
		const trashed = await trashedVideoIds(db);
		const counts = new Map<string, number>();
		const add = (personId: string, n: number) =>
			counts.set(personId, (counts.get(personId) ?? 0) + n);
		if (videoIds) {
			const inTrash = new Set(trashed);
			const faces = await db.faces
				.where('videoId')
				.anyOf([...videoIds])
				.toArray();
			for (const f of faces) if (!inTrash.has(f.videoId)) add(f.personId, 1);
		} else {
			for (const p of await db.persons.toArray()) add(p.id, p.faceCount);
			for (const f of await db.faces.where('videoId').anyOf(trashed).toArray()) add(f.personId, -1);
		}
		const shown = [...counts.keys()].filter((id) => counts.get(id)! > 0);
		const persons = (await db.persons.bulkGet(shown)).filter((p) => p !== undefined);
		return persons
			.sort((a, b) => counts.get(b.id)! - counts.get(a.id)! || a.createdAt - b.createdAt)
			.map(({ id, name }) => ({ id, name }));
	});
}

/**
 * Ids of the videos (trash included; callers narrow) in which the person has a face. A promise
 * chain, not an async function: History calls it inside its transaction (see history.ts).
 */
export function videosOfPerson(db: KffDatabase, personId: string): Promise<string[]> {
	// The faces' ids say their videos: no face (embedding ~1 KB) is read.
	return db.faces
		.where('personId')
		.equals(personId)
		.primaryKeys()
		.then((ids) => [...new Set(ids.map(videoOfFace))]);
}

/** Inside a hard delete's transaction: the videos' faces go, and persons left without any. */
export async function deleteFacesOfVideos(db: KffDatabase, videoIds: string[]): Promise<void> {
	await db.peopleDue.bulkDelete(videoIds);
	const faces = await db.faces.where('videoId').anyOf(videoIds).toArray();
	await db.faces.bulkDelete(faces.map((f) => f.id));
	await refreshPersons(
		db,
		faces.map((f) => f.personId),
		Date.now()
	);
}

/** The tables a hard delete must include for deleteFacesOfVideos. */
export function peopleTables(db: KffDatabase) {
	return [db.faces, db.persons, db.peopleDue];
}

/** The videos whose faces People has yet to embed (see PeopleDueRecord). */
export async function peopleDueVideos(db: KffDatabase): Promise<string[]> {
	return (await db.peopleDue.toCollection().primaryKeys()).map(String);
}
