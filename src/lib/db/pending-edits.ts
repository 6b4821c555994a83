// Edits a page asks for that must outlive the page: each is stored as one committed write, then
// applied. Applying reads first (Dexie's update, a merge's faces), and Chromium runs no write of a
// transaction whose read's success event the page did not get to: an edit made right before the
// page was left was lost. A stored edit a left page did not apply is applied by the next tab that
// starts, or the next People page (applyPendingEdits), in the order edits were asked for.
import { commitNow } from './commit-now';
import type { KffDatabase } from './database';
import { applyPersonEdit } from './people';
import type { PersonEdit } from './people-records';
import { restoreVideos, softDeleteVideos } from './trash';

/** A video's tags replaced (already cleaned). */
export interface VideoTagsEdit {
	kind: 'video-tags';
	videoId: string;
	tags: string[];
}

/** Videos moved to the trash at `at` (trash-edits.ts). */
export interface VideosTrashEdit {
	kind: 'videos-trash';
	ids: string[];
	at: number;
}

/** Videos brought back from the trash at `at` (trash-edits.ts). */
export interface VideosRestoreEdit {
	kind: 'videos-restore';
	ids: string[];
	at: number;
}

export type PendingEdit = PersonEdit | VideoTagsEdit | VideosTrashEdit | VideosRestoreEdit;

export interface PendingEditRecord {
	/** Auto-incremented: edits apply in the order they were asked for. */
	seq: number;
	edit: PendingEdit;
}

/** Stores `edit` at once (committed before anything is read), then applies what is pending. */
export async function askEdit(db: KffDatabase, edit: PendingEdit): Promise<void> {
	await db.transaction('rw', db.pendingEdits, () => {
		const stored = db.pendingEdits.add({ edit });
		commitNow();
		return stored;
	});
	await applyPendingEdits(db);
}

/** Applies the stored edits in the order they were asked for, each once (also across tabs). */
export async function applyPendingEdits(db: KffDatabase): Promise<void> {
	// Nearly always none at start-up: then no write transaction over the videos, which would hold
	// up every read of them (the page's first queries) until it ended.
	if ((await db.pendingEdits.count()) === 0) return;
	const tables = [db.pendingEdits, db.faces, db.persons, db.videos];
	return db.transaction('rw', tables, async () => {
		const pending = await db.pendingEdits.toArray();
		for (const { edit } of pending) {
			const now = Date.now();
			if (edit.kind === 'video-tags') {
				await db.videos.update(edit.videoId, { tags: edit.tags, updatedAt: now });
			} else if (edit.kind === 'videos-trash') await softDeleteVideos(db, edit.ids, edit.at);
			else if (edit.kind === 'videos-restore') await restoreVideos(db, edit.ids, edit.at);
			else await applyPersonEdit(db, edit, now);
		}
		await db.pendingEdits.bulkDelete(pending.map((e) => e.seq));
	});
}

/**
 * At start-up: applies what a left page stored. Never rejects: an edit that cannot be applied
 * now stays stored for the next try, and must not stop the start-up around it.
 */
export function applyLeftEdits(db: KffDatabase): Promise<void> {
	return applyPendingEdits(db).catch((error: unknown) => {
		console.warn('Edits left by a closed page could not be applied yet', error);
	});
}
