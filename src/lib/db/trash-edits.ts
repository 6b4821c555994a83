// Moving videos to the trash and back as edits that outlive the page (pending-edits.ts): each
// reads before it writes, so a page left right after the click lost it. A lost restore was the
// worse: the video stayed in the trash, to be deleted for good when its days there ran out.
import type { KffDatabase } from './database';
import { askEdit } from './pending-edits';
import { NOT_DELETED } from './types';

/** A copy to store: a page's state hands over proxies, which IndexedDB cannot clone. */
const plain = (ids: readonly string[]) => Array.from(ids);

/** Moves the live ones of `ids` to the trash; returns how many moved. */
export async function moveVideosToTrash(
	db: KffDatabase,
	ids: string[],
	now = Date.now()
): Promise<number> {
	await askEdit(db, { kind: 'videos-trash', ids: plain(ids), at: now });
	return db.videos
		.where('id')
		.anyOf(ids)
		.filter((v) => v.deletedAt === now)
		.count();
}

/** Brings the trashed ones of `ids` back as they were; returns how many are live now. */
export async function restoreVideosFromTrash(
	db: KffDatabase,
	ids: string[],
	now = Date.now()
): Promise<number> {
	await askEdit(db, { kind: 'videos-restore', ids: plain(ids), at: now });
	return db.videos
		.where('id')
		.anyOf(ids)
		.filter((v) => v.deletedAt === NOT_DELETED)
		.count();
}
