// A video's keyframes (written by saveExtractionResult in videos.ts).
import type { KffDatabase } from './database';
import { withPrefix } from './key-range';
import type { KeyframeRecord } from './types';

function ofVideo(db: KffDatabase, videoId: string) {
	return db.keyframes.where('[videoId+frameIndex]').between(...withPrefix(videoId), true, true);
}

/** In frameIndex (= time) order. */
export function keyframesOfVideo(db: KffDatabase, videoId: string): Promise<KeyframeRecord[]> {
	return ofVideo(db, videoId).toArray();
}

/** Counts index keys only; no image is read. */
export function keyframeCount(db: KffDatabase, videoId: string): Promise<number> {
	return ofVideo(db, videoId).count();
}

/** One keyframe's full-size JPEG, read on its own (an export reads them one at a time). */
export async function keyframeImage(db: KffDatabase, id: string): Promise<Blob | undefined> {
	return (await db.keyframes.get(id))?.image;
}
