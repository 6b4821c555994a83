// A video's keyframes (a run's are written by saveExtractionResult in videos.ts).
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

/**
 * Adds a keyframe picked by hand and counts it on its video, in one transaction. False when the
 * video already has a keyframe at that frame (nothing is written).
 */
export async function addKeyframe(
	db: KffDatabase,
	keyframe: Omit<KeyframeRecord, 'id'>,
	now = Date.now()
): Promise<boolean> {
	return db.transaction('rw', db.keyframes, db.videos, async () => {
		const { videoId, frameIndex } = keyframe;
		if (await db.keyframes.get({ videoId, frameIndex })) return false;
		await db.keyframes.add({ ...keyframe, id: crypto.randomUUID() });
		const count = await ofVideo(db, videoId).count();
		await db.videos.update(videoId, { keyframeCount: count, updatedAt: now });
		return true;
	});
}

/** One keyframe's full-size JPEG, read on its own (an export reads them one at a time). */
export async function keyframeImage(db: KffDatabase, id: string): Promise<Blob | undefined> {
	return (await db.keyframes.get(id))?.image;
}
