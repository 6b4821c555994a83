// Batch rows. Batch counts are derived from the videos, never stored.
import type { KffDatabase } from './database';
import { withPrefix } from './key-range';
import {
	VIDEO_STATUSES,
	isBatchClosed,
	type BatchState,
	type VideoStatus
} from '$lib/shared/status';
import { NOT_DELETED, type BatchRecord } from './types';

export type BatchCounts = Record<VideoStatus, number> & { total: number };

export function getBatch(db: KffDatabase, id: string): Promise<BatchRecord | undefined> {
	return db.batches.get(id);
}

/** Newest first. */
export function listRecentBatches(db: KffDatabase, limit: number): Promise<BatchRecord[]> {
	return db.batches.orderBy('createdAt').reverse().limit(limit).toArray();
}

/**
 * Native index counts only (no rows, no thumbnails are read), cheap enough for a live query that
 * reruns on every progress update. Videos in the trash do not count.
 */
export function batchCounts(db: KffDatabase, batchId: string): Promise<BatchCounts> {
	return db.transaction('r', db.videos, async () => {
		const counts: BatchCounts = {
			total: 0,
			pending: 0,
			processing: 0,
			completed: 0,
			failed: 0,
			cancelled: 0
		};
		for (const status of VIDEO_STATUSES) {
			counts[status] = await db.videos
				.where('[batchId+deletedAt+status+batchPosition]')
				.between(...withPrefix(batchId, NOT_DELETED, status), true, true)
				.count();
			counts.total += counts[status];
		}
		return counts;
	});
}

/** Stamps startedAt on the first run; completedAt is set while the batch is over (done, cancelled). */
export async function setBatchState(
	db: KffDatabase,
	id: string,
	state: BatchState,
	now = Date.now()
): Promise<boolean> {
	const updated = await db.batches.update(id, (batch) => {
		batch.state = state;
		if (state === 'running') batch.startedAt ??= now;
		batch.completedAt = isBatchClosed(state) ? now : null;
	});
	return updated === 1;
}

/**
 * Marks a running batch done when none of its videos is pending or processing. One transaction,
 * so a retry that re-queues a video in between can never leave a `done` batch with work in it.
 */
export function finishBatchIfIdle(db: KffDatabase, id: string, now = Date.now()): Promise<boolean> {
	return db.transaction('rw', db.videos, db.batches, () =>
		batchCounts(db, id).then((counts) => {
			if (counts.pending > 0 || counts.processing > 0) return false;
			return db.batches
				.where('id')
				.equals(id)
				.filter((batch) => batch.state === 'running')
				.modify({ state: 'done', completedAt: now })
				.then((n) => n > 0);
		})
	);
}
