// The videos in the Trash, as one index range: `[deletedAt+createdAt]` above every live key (a
// live video's deletedAt is NOT_DELETED, 0; a trashed one's is when it was deleted).
import Dexie from 'dexie';
import type { KffDatabase, VideoCollection } from './database';
import { NOT_DELETED } from './types';

/** The trashed videos, earliest deleted first. */
export function trashedVideos(db: KffDatabase): VideoCollection {
	return db.videos.where('[deletedAt+createdAt]').above([NOT_DELETED, Dexie.maxKey]);
}
