// Per-keyframe notes, tags, the "deleted" (left out of exports) mark, rating and pick/reject flag.
import type { KffDatabase } from './database';
import { commitNow } from './commit-now';
import { withPrefix } from './key-range';
import type { AnnotationFields, AnnotationRecord } from './types';

/** In frameIndex order; keyframes without an annotation have no row. */
export function getAnnotations(db: KffDatabase, videoId: string): Promise<AnnotationRecord[]> {
	return db.annotations
		.where('[videoId+frameIndex]')
		.between(...withPrefix(videoId), true, true)
		.toArray();
}

export interface AnnotationWrite {
	frameIndex: number;
	fields: AnnotationFields;
	/** The row's createdAt when the caller knows the row exists; `now` otherwise. */
	createdAt?: number;
}

/**
 * Stores the complete annotation of each keyframe in one transaction, without reading first:
 * every put is issued at once, so a write started in `pagehide` is not cut off waiting for a
 * read. The editor that calls this holds each keyframe's whole state, so nothing is merged.
 */
export async function putAnnotations(
	db: KffDatabase,
	videoId: string,
	writes: AnnotationWrite[],
	now = Date.now()
): Promise<void> {
	const records = writes.map(({ frameIndex, fields, createdAt }) => ({
		videoId,
		frameIndex,
		notes: fields.notes,
		tags: [...fields.tags],
		deleted: fields.deleted,
		rating: fields.rating,
		flag: fields.flag,
		createdAt: createdAt ?? now,
		updatedAt: now
	}));
	// A key IndexedDB refuses throws at put, after the explicit commit would keep the others.
	const bad = records.find((r) => !Number.isFinite(r.frameIndex));
	if (bad) throw new TypeError(`Not a keyframe index: ${bad.frameIndex}`);
	// Inside a transaction scope a failed put aborts all (bare bulkPut keeps the ones that worked).
	await db.transaction('rw', db.annotations, () => {
		const stored = db.annotations.bulkPut(records);
		commitNow();
		return stored;
	});
}

/**
 * Distinct tags of annotations and videos, sorted. Reads the `*tags` index keys only, so tags
 * used solely by videos in the trash are listed too.
 */
export async function allTags(db: KffDatabase): Promise<string[]> {
	const tags = await db.transaction('r', [db.annotations, db.videos], async () => [
		...(await db.annotations.orderBy('tags').uniqueKeys()),
		...(await db.videos.orderBy('tags').uniqueKeys())
	]);
	return [...new Set(tags.map(String))].sort();
}
