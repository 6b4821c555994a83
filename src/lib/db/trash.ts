// Soft delete (to the trash, restorable) and hard delete (gone, with everything of the video).
import { purgeCutoff } from '$lib/shared/trash-retention';
import Dexie from 'dexie';
import { checkpointTables, deleteCheckpoints } from './checkpoints';
import type { KffDatabase, VideoCollection } from './database';
import { withPrefix } from './key-range';
import { deleteFacesOfVideos, peopleTables } from './people';
import { trashedVideos } from './trashed-videos';
import { NOT_DELETED, type VideoRecord } from './types';

export interface TrashPage {
	rows: VideoRecord[];
	total: number;
}

/** Most recently deleted first. */
function trashed(db: KffDatabase): VideoCollection {
	return trashedVideos(db).reverse();
}

/**
 * Deletes the videos `pick` returns with their files, keyframes, annotations, faces (and persons
 * left without one), any unfinished run's checkpoint and any re-run proposal not kept, in one transaction so nothing is half-deleted. `pick` must return a Dexie promise (a query), never
 * an async function's: that could resume outside the transaction.
 */
function hardDelete(db: KffDatabase, pick: () => Promise<string[]>): Promise<number> {
	return db.transaction(
		'rw',
		[
			db.videos,
			db.videoBlobs,
			db.keyframes,
			db.annotations,
			db.rerunProposals,
			...checkpointTables(db),
			...peopleTables(db)
		],
		async () => {
			const ids = await pick();
			await db.videos.bulkDelete(ids);
			await db.videoBlobs.bulkDelete(ids);
			await db.rerunProposals.bulkDelete(ids);
			await deleteCheckpoints(db, ids);
			await deleteFacesOfVideos(db, ids);
			for (const id of ids) {
				const range = withPrefix(id);
				await db.keyframes
					.where('[videoId+frameIndex]')
					.between(...range, true, true)
					.delete();
				await db.annotations
					.where('[videoId+frameIndex]')
					.between(...range, true, true)
					.delete();
			}
			return ids.length;
		}
	);
}

/** Moves the live ones of `ids` to the trash in one write; returns how many moved. */
export function softDeleteVideos(db: KffDatabase, ids: string[], now: number): Promise<number> {
	return db.videos
		.where('id')
		.anyOf(ids)
		.filter((v) => v.deletedAt === NOT_DELETED)
		.modify({ deletedAt: now, updatedAt: now });
}

/** Brings the trashed ones of `ids` back as they were; returns how many came back. */
export function restoreVideos(db: KffDatabase, ids: string[], now = Date.now()): Promise<number> {
	return db.videos
		.where('id')
		.anyOf(ids)
		.filter((v) => v.deletedAt !== NOT_DELETED)
		.modify({ deletedAt: NOT_DELETED, updatedAt: now });
}

/** Deletes the existing ones of `ids` for good, all in one transaction; returns how many. */
export function hardDeleteVideos(db: KffDatabase, ids: string[]): Promise<number> {
	return hardDelete(db, () => db.videos.where('id').anyOf(ids).primaryKeys());
}

export function listTrash(
	db: KffDatabase,
	{ offset, limit }: { offset: number; limit: number }
): Promise<TrashPage> {
	return db.transaction('r', db.videos, async () => ({
		rows: await trashed(db).offset(offset).limit(limit).toArray(),
		total: await trashed(db).count()
	}));
}

/** Returns how many videos were deleted for good. */
export function emptyTrash(db: KffDatabase): Promise<number> {
	return hardDelete(db, () => trashed(db).primaryKeys());
}

/**
 * Deletes for good what has been in the trash for more than `days` days. Start-up calls it: when
 * nothing is that old (nearly always), it opens no write transaction, which would hold up the
 * page's first reads.
 */
export async function purgeTrashOlderThan(
	db: KffDatabase,
	days: number,
	now: number
): Promise<number> {
	const cutoff = purgeCutoff(now, days);
	const expired = () =>
		db.videos
			.where('[deletedAt+createdAt]')
			.between([NOT_DELETED, Dexie.maxKey], [cutoff, Dexie.minKey], false, false);
	if ((await expired().limit(1).primaryKeys()).length === 0) return 0;
	return hardDelete(db, () => expired().primaryKeys());
}
