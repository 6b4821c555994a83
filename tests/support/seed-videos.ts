// Test data shared by the database specs: videos stored through the app's own db functions.
import { putAnnotations } from '$lib/db/annotations';
import type { KffDatabase } from '$lib/db/database';
import {
	EMPTY_ANNOTATION,
	type AnnotationFields,
	type BatchRecord,
	type VideoRecord
} from '$lib/db/types';
import { addVideosToBatch, saveExtractionResult, type IncomingVideo } from '$lib/db/videos';
import { batchRecord, keyframeFields } from './records';

/** A running batch with the default extraction settings. */
export function testBatch(id = crypto.randomUUID()): BatchRecord {
	return batchRecord({ id });
}

/** Tiny stand-in files named v0.mp4, v1.mp4, … */
export function testFiles(count: number): IncomingVideo[] {
	return Array.from({ length: count }, (_, i) => ({
		file: new Blob([`video ${i}`]),
		name: `v${i}.mp4`,
		size: 7,
		type: 'video/mp4',
		contentKey: null
	}));
}

/** Videos with a file, two keyframes and an annotation each. */
export async function seedVideos(db: KffDatabase, count: number): Promise<VideoRecord[]> {
	const videos = await addVideosToBatch(db, testBatch(), testFiles(count));
	for (const v of videos) {
		const keyframes = [0, 10].map((frameIndex) => keyframeFields(frameIndex, 10));
		await saveExtractionResult(db, v.id, { video: {}, keyframes });
		await annotate(db, v.id, [10], { notes: 'n', tags: ['t'] });
	}
	return videos;
}

/** Annotates keyframes through the app's own write: `changes` over the empty annotation. */
export function annotate(
	db: KffDatabase,
	videoId: string,
	frameIndexes: number[],
	changes: Partial<AnnotationFields>,
	now?: number
): Promise<void> {
	const fields = { ...EMPTY_ANNOTATION, ...changes };
	return putAnnotations(
		db,
		videoId,
		frameIndexes.map((frameIndex) => ({ frameIndex, fields })),
		now
	);
}
