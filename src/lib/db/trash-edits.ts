// Moving videos to the trash and back as edits that outlive the page (pending-edits.ts): each
// reads before it writes, so a page left right after the click lost it. A lost restore was the
// worse: the video stayed in the trash, to be deleted for good when its days there ran out.
import type { KffDatabase } from './database';
import {
	applyPendingEdits,
	askEdit,
	type VideosRestoreEdit,
	type VideosTrashEdit
} from './pending-edits';
import { purgeTrashOlderThan } from './trash';
import { NOT_DELETED, type VideoRecord } from './types';

/** Stores and applies `edit`, then counts its videos that are as `done` says. */
async function ask(
	db: KffDatabase,
	edit: VideosTrashEdit | VideosRestoreEdit,
	done: (video: VideoRecord) => boolean
): Promise<number> {
	// A copy to store: a page's state hands over proxies, which IndexedDB cannot clone.
	const ids = Array.from(edit.ids);
	await askEdit(db, { ...edit, ids });
	return db.videos.where('id').anyOf(ids).filter(done).count();
}

/** Moves the live ones of `ids` to the trash; returns how many moved. */
export function moveVideosToTrash(db: KffDatabase, ids: string[], now = Date.now()) {
	return ask(db, { kind: 'videos-trash', ids, at: now }, (v) => v.deletedAt === now);
}

/** Brings the trashed ones of `ids` back as they were; returns how many are live now. */
export function restoreVideosFromTrash(db: KffDatabase, ids: string[], now = Date.now()) {
	return ask(db, { kind: 'videos-restore', ids, at: now }, (v) => v.deletedAt === NOT_DELETED);
}

/**
 * Start-up's purge of what has been in the trash more than `days` days, after the edits a closed
 * page left: a restore among them brings its video back before it could be deleted for good.
 * When they cannot be applied now, nothing is purged (rejects): a restore still waiting among
 * them must not lose its video; the next start-up tries both again.
 */
export async function purgeTrashAfterLeftEdits(
	db: KffDatabase,
	days: number,
	now: number
): Promise<number> {
	await applyPendingEdits(db);
	return purgeTrashOlderThan(db, days, now);
}
