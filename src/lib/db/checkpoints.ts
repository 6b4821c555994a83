// An unfinished run's checkpoint: how far sampling got (`checkpoints`) and the scored samples up
// to there (`candidates`), so the video's next run continues instead of decoding from frame 0.
// Written in batches as sampling goes, one short transaction each; removed with the video's
// final state, a retry by hand and a hard delete.
import type { ScoredFrame } from '$lib/pipeline/types';
import { sameExtraction, type ExtractionSettings } from '$lib/settings/extraction-settings';
import type { KffDatabase } from './database';
import { withPrefix } from './key-range';
import type { CheckpointRecord } from './types';
import type { VideoChanges } from './videos';

export type CheckpointFields = Omit<CheckpointRecord, 'updatedAt'>;

export interface Resumable {
	checkpoint: CheckpointRecord;
	/** Every candidate up to the checkpoint, in frame order (rows carry their videoId). */
	candidates: ScoredFrame[];
}

/** The tables a checkpoint lives in, for transactions that remove one along with other rows. */
export function checkpointTables(db: KffDatabase) {
	return [db.checkpoints, db.candidates];
}

/** A video's stored candidates, in frame order. */
export function candidatesOf(db: KffDatabase, videoId: string) {
	return db.candidates.where('[videoId+frameIndex]').between(...withPrefix(videoId), true, true);
}

/**
 * Stores a video's `candidates`, in place of all it had when `replace`; only inside a
 * transaction over `candidates`.
 */
export async function putCandidates(
	db: KffDatabase,
	videoId: string,
	candidates: readonly ScoredFrame[],
	replace: boolean
): Promise<void> {
	if (replace) await candidatesOf(db, videoId).delete();
	await db.candidates.bulkPut(candidates.map((c) => ({ ...c, videoId })));
}

/** Removes the checkpoints of `videoIds`; only inside a transaction over `checkpointTables`. */
export async function deleteCheckpoints(db: KffDatabase, videoIds: readonly string[]) {
	await db.checkpoints.bulkDelete([...videoIds]);
	for (const id of videoIds) await candidatesOf(db, id).delete();
}

/**
 * Stores how far the run got and the candidates new since its last checkpoint, in one
 * transaction. `replace`: the run started from frame 0, so candidates of an earlier run go.
 * False (nothing written) when the video no longer exists.
 */
export function saveCheckpoint(
	db: KffDatabase,
	fields: CheckpointFields,
	candidates: readonly ScoredFrame[],
	replace: boolean
): Promise<boolean> {
	const { videoId } = fields;
	return db.transaction('rw', [db.videos, ...checkpointTables(db)], async () => {
		if ((await db.videos.where('id').equals(videoId).count()) === 0) return false;
		await putCandidates(db, videoId, candidates, replace);
		await db.checkpoints.put({ ...fields, updatedAt: Date.now() });
		return true;
	});
}

/**
 * The checkpoint a run with `settings` can continue from, with its candidates; null when there
 * is none. One made with other settings is removed (that run starts from frame 0).
 */
export function resumableCheckpoint(
	db: KffDatabase,
	videoId: string,
	settings: ExtractionSettings
): Promise<Resumable | null> {
	return db.transaction('rw', checkpointTables(db), async () => {
		const checkpoint = await db.checkpoints.get(videoId);
		if (!checkpoint) return null;
		if (!sameExtraction(checkpoint.settings, settings)) {
			await deleteCheckpoints(db, [videoId]);
			return null;
		}
		// Only candidates up to a checkpoint are ever written with it (same transaction).
		return { checkpoint, candidates: await candidatesOf(db, videoId).toArray() };
	});
}

/**
 * Updates the video and forgets its checkpoint, in one transaction: for a final state (failed,
 * cancelled) and a retry by hand, whose next run starts from frame 0.
 */
export function resetVideoRun(
	db: KffDatabase,
	videoId: string,
	changes: VideoChanges
): Promise<boolean> {
	return db.transaction('rw', [db.videos, ...checkpointTables(db)], async () => {
		await deleteCheckpoints(db, [videoId]);
		return (await db.videos.update(videoId, { ...changes, updatedAt: Date.now() })) === 1;
	});
}
