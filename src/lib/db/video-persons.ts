// Which persons (People) have a face in each video, stored on its row (`personIds`) so that the
// history's person filter reads an index (`*personKeys`, label-keys.ts) as the tag filter does.
// people.ts keeps it in step with every write to the faces; the schema upgrade fills it in.
import type { Table } from 'dexie';
import type { KffDatabase } from './database';
import type { FaceRecord } from './people-records';

/** The video of a face, from its id (`${videoId}/${frameIndex}/${faceIndex}`; see faceId). */
export function videoOfFace(id: string): string {
	return id.slice(0, id.indexOf('/'));
}

/** A video's `personIds` from its faces' persons: each once, in code-unit order. */
export function personIdsOf(personIds: Iterable<string>): string[] {
	return [...new Set(personIds)].sort();
}

/** Each video's persons, from the keys of the faces' `personId` index: no face row is read. */
export async function personIdsByVideo(faces: Table<FaceRecord, string>) {
	const byVideo = new Map<string, string[]>();
	await faces.orderBy('personId').eachKey((personId, cursor) => {
		const video = videoOfFace(String(cursor.primaryKey));
		byVideo.set(video, [...(byVideo.get(video) ?? []), String(personId)]);
	});
	return new Map([...byVideo].map(([video, own]) => [video, personIdsOf(own)]));
}

/** Stores on each video the persons its faces are in now. Inside a transaction with both tables. */
export async function storeVideoPersons(db: KffDatabase, videoIds: Iterable<string>) {
	for (const id of new Set(videoIds)) {
		const faces = await db.faces.where('videoId').equals(id).toArray();
		await db.videos.update(id, { personIds: personIdsOf(faces.map((f) => f.personId)) });
	}
}

/** After `from`'s faces became `into`'s, in `videoIds`: those videos name `into` instead. */
export function renamePersonInVideos(
	db: KffDatabase,
	videoIds: readonly string[],
	from: string,
	into: string
) {
	return db.videos
		.where(':id')
		.anyOf([...new Set(videoIds)])
		.modify((v) => {
			v.personIds = personIdsOf((v.personIds ?? []).map((p) => (p === from ? into : p)));
		});
}
