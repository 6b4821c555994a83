// Video rows and their original files.
import { normalizeTags } from '$lib/pipeline/tags';
import type { ScoredFrame } from '$lib/pipeline/types';
import type { DecoderName } from '$lib/shared/decoders';
import { checkpointTables, deleteCheckpoints, putCandidates } from './checkpoints';
import { keepRunCandidates } from './curation';
import type { KffDatabase } from './database';
import { withPrefix } from './key-range';
import { askEdit } from './pending-edits';
import { NOT_DELETED, type BatchRecord, type KeyframeRecord, type VideoRecord } from './types';

export interface IncomingVideo {
	/** The File as it came from the picker: disk-backed, never rebuilt in memory. */
	file: Blob;
	name: string;
	size: number;
	type: string;
	/** See `VideoRecord.contentKey`. */
	contentKey: string | null;
}

export type VideoChanges = Partial<Omit<VideoRecord, 'id'>>;

export interface ExtractionResult {
	video: VideoChanges;
	keyframes: Omit<KeyframeRecord, 'id' | 'videoId'>[];
	/** People embeds the keyframes' faces after this is stored (recorded with it, see peopleDue). */
	peopleDue?: boolean;
	/**
	 * The run's candidates as its selection ranked them: they replace the video's (those its
	 * checkpoints stored). Absent in a re-run proposal stored before runs returned them.
	 */
	candidates?: ScoredFrame[];
}

/** The row of a video just queued in `batch` at `position`: pending, not probed yet. */
export function newVideoRecord(
	batch: BatchRecord,
	incoming: IncomingVideo,
	position: number
): VideoRecord {
	// + position ms: a batch's videos sort by date in the order they were queued.
	const createdAt = batch.createdAt + position;
	return {
		id: crypto.randomUUID(),
		name: incoming.name,
		size: incoming.size,
		type: incoming.type,
		durationSec: null,
		fps: null,
		width: null,
		height: null,
		codec: null,
		rotation: null,
		status: 'pending',
		progress: 0,
		framesDone: 0,
		framesTotal: 0,
		stage: null,
		error: null,
		errorDetails: null,
		message: null,
		tags: [],
		batchId: batch.id,
		batchPosition: position,
		settings: batch.settings,
		keyframeCount: 0,
		thumbnail: null,
		hasOriginal: true,
		contentKey: incoming.contentKey,
		decoder: null,
		decoderNote: null,
		timings: null,
		createdAt,
		updatedAt: createdAt,
		startedAt: null,
		finishedAt: null,
		attempts: 0,
		deletedAt: NOT_DELETED
	};
}

/** Stores the batch, its videos (pending, in the given order) and their files, all or nothing. */
export async function addVideosToBatch(
	db: KffDatabase,
	batch: BatchRecord,
	files: IncomingVideo[]
): Promise<VideoRecord[]> {
	const videos = files.map((f, i) => newVideoRecord(batch, f, i));
	const blobs = files.map((f, i) => ({ videoId: videos[i].id, file: f.file }));
	await db.transaction('rw', [db.batches, db.videos, db.videoBlobs], async () => {
		await db.batches.add(batch);
		await db.videos.bulkAdd(videos);
		await db.videoBlobs.bulkAdd(blobs);
	});
	return videos;
}

export function getVideo(db: KffDatabase, id: string): Promise<VideoRecord | undefined> {
	return db.videos.get(id);
}

/** The original file, or undefined once removed (see `hasOriginal`). */
/** The rows of `ids`, in that order; `undefined` where a video does not exist. */
export function getVideos(db: KffDatabase, ids: string[]): Promise<(VideoRecord | undefined)[]> {
	return db.videos.bulkGet(ids);
}

export async function getVideoFile(db: KffDatabase, id: string): Promise<Blob | undefined> {
	return (await db.videoBlobs.get(id))?.file;
}

/** Videos (trash included) stored from files with any of these content keys. */
export function videosWithContentKeys(db: KffDatabase, keys: string[]): Promise<VideoRecord[]> {
	return db.videos.where('contentKey').anyOf(keys).toArray();
}

/** Videos stored before content keys were kept whose original is still there to key. */
export function videosMissingContentKey(db: KffDatabase): Promise<string[]> {
	return db.videos
		.where('keyless')
		.equals(1)
		.primaryKeys()
		.then((ids) => ids.map(String));
}

/** A batch's videos in queue order, trash excluded. */
export function videosOfBatch(db: KffDatabase, batchId: string): Promise<VideoRecord[]> {
	return db.videos
		.where('[batchId+batchPosition]')
		.between(...withPrefix(batchId), true, true)
		.filter((v) => v.deletedAt === NOT_DELETED)
		.toArray();
}

/** False when the video no longer exists (e.g. deleted while it was processing). */
export async function updateVideo(
	db: KffDatabase,
	id: string,
	changes: VideoChanges
): Promise<boolean> {
	return (await db.videos.update(id, { ...changes, updatedAt: Date.now() })) === 1;
}

/**
 * Replaces the video's keyframes and marks it completed in one transaction, so a crash leaves
 * the old state or the new one; rerunning replaces rather than duplicates. Annotations are
 * user data and stay; the run's checkpoint goes, its candidates stay (bounded) for tuning the
 * selection again, or the result's replace them. False (nothing written) when the video no
 * longer exists.
 */
export async function saveExtractionResult(
	db: KffDatabase,
	videoId: string,
	result: ExtractionResult
): Promise<boolean> {
	const now = Date.now();
	const keyframes: KeyframeRecord[] = result.keyframes.map((k) => ({
		...k,
		id: crypto.randomUUID(),
		videoId
	}));
	const tables = [db.videos, db.keyframes, db.peopleDue, ...checkpointTables(db)];
	return db.transaction('rw', tables, async () => {
		if ((await db.videos.where('id').equals(videoId).count()) === 0) return false;
		if (result.peopleDue) await db.peopleDue.put({ videoId });
		await db.checkpoints.delete(videoId);
		if (result.candidates) await putCandidates(db, videoId, result.candidates, true);
		await keepRunCandidates(db, videoId, new Set(keyframes.map((k) => k.frameIndex)));
		await db.keyframes
			.where('[videoId+frameIndex]')
			.between(...withPrefix(videoId), true, true)
			.delete();
		await db.keyframes.bulkAdd(keyframes);
		await db.videos.update(videoId, {
			error: null,
			errorDetails: null,
			finishedAt: now,
			...result.video,
			status: 'completed',
			progress: 1,
			stage: null,
			keyframeCount: keyframes.length,
			updatedAt: now
		});
		return true;
	});
}

/**
 * Start-up: no worker owns a `processing` row after a reload, so it goes back to the queue, its
 * bar at its checkpoint (where the next run continues), unless it has had `maxAttempts` runs
 * already: then the tab most likely died of it, and it fails (checkpoint gone) instead of
 * crashing the next start too. Returns how many went back to the queue.
 */
export async function resetOrphanedProcessing(
	db: KffDatabase,
	maxAttempts: number
): Promise<number> {
	const now = Date.now();
	const orphans = () => db.videos.where('status').equals('processing');
	// Nearly always none: then no write transaction, which would hold up the page's reads.
	if ((await orphans().limit(1).primaryKeys()).length === 0) return 0;
	return db.transaction('rw', [db.videos, ...checkpointTables(db)], async () => {
		const worn = orphans().filter((v) => v.attempts >= maxAttempts);
		await deleteCheckpoints(db, await worn.primaryKeys());
		await worn.modify({
			status: 'failed',
			stage: null,
			error: { code: 'interrupted-repeatedly', attempts: maxAttempts },
			errorDetails: null,
			finishedAt: now,
			updatedAt: now
		});
		const checkpoints = await db.checkpoints.bulkGet(await orphans().primaryKeys());
		const reached = new Map(
			checkpoints.filter((c) => c !== undefined).map((c) => [c.videoId, c.progress])
		);
		return orphans().modify((v) => {
			Object.assign(v, {
				status: 'pending',
				progress: reached.get(v.id) ?? 0,
				stage: null,
				startedAt: null,
				updatedAt: now
			});
		});
	});
}

/** True while any video is being processed (a native count on the `status` index). */
export async function anyVideoProcessing(db: KffDatabase): Promise<boolean> {
	return (await db.videos.where('status').equals('processing').count()) > 0;
}

/** The batch's pending video with the lowest batchPosition, trash excluded. */
export function nextPendingVideo(
	db: KffDatabase,
	batchId: string
): Promise<VideoRecord | undefined> {
	return db.videos
		.where('[batchId+deletedAt+status+batchPosition]')
		.between(...withPrefix(batchId, NOT_DELETED, 'pending'), true, true)
		.first();
}

/**
 * Cancels every pending video of the batch (trashed ones too, so none starts later), with the
 * checkpoints of those a crash had put back in the queue.
 */
export function cancelPendingOfBatch(
	db: KffDatabase,
	batchId: string,
	now: number
): Promise<number> {
	return db.transaction('rw', [db.videos, ...checkpointTables(db)], async () => {
		const pending = db.videos
			.where('[batchId+batchPosition]')
			.between(...withPrefix(batchId), true, true)
			.filter((v) => v.status === 'pending');
		await deleteCheckpoints(db, await pending.primaryKeys());
		return pending.modify({ status: 'cancelled', stage: null, finishedAt: now, updatedAt: now });
	});
}

/** Frees the space of the original file; the video row and keyframes stay. */
export async function removeOriginal(db: KffDatabase, videoId: string): Promise<void> {
	await db.transaction('rw', [db.videos, db.videoBlobs], async () => {
		await db.videoBlobs.delete(videoId);
		await db.videos.update(videoId, { hasOriginal: false, updatedAt: Date.now() });
	});
}

/**
 * Says "no original" on videos whose file is not stored (a backup restored without its
 * originals); returns how many changed. Rows that are right stay untouched.
 */
export async function markMissingOriginals(db: KffDatabase): Promise<number> {
	return db.transaction('rw', [db.videos, db.videoBlobs], async () => {
		const stored = new Set(await db.videoBlobs.toCollection().primaryKeys());
		return db.videos
			.filter((v) => v.hasOriginal && !stored.has(v.id))
			.modify({ hasOriginal: false });
	});
}

/**
 * Replaces the video's tags (cleaned, deduplicated) as a pending edit, so that a page left right
 * after it still has them stored; returns what was stored, null if the video is gone.
 */
export async function setVideoTags(
	db: KffDatabase,
	videoId: string,
	tags: readonly string[]
): Promise<string[] | null> {
	const clean = normalizeTags(tags);
	await askEdit(db, { kind: 'video-tags', videoId, tags: clean });
	return (await db.videos.where('id').equals(videoId).count()) > 0 ? clean : null;
}

/**
 * Distinct tags of videos, sorted; reads `*tags` index keys only. Tags used solely by videos in
 * the trash are listed too.
 */
export async function videoTags(db: KffDatabase): Promise<string[]> {
	return (await db.videos.orderBy('tags').uniqueKeys()).map(String);
}

export type DecoderUse = Pick<
	VideoRecord,
	'id' | 'name' | 'decoder' | 'decoderNote' | 'finishedAt'
>;

/** The newest processed videos (not in the Trash) and the decoder each one used. */
export async function recentDecoderUse(db: KffDatabase, limit = 10): Promise<DecoderUse[]> {
	const rows = await db.videos
		.where('[deletedAt+createdAt]')
		.between(...withPrefix(NOT_DELETED), true, true)
		.reverse()
		.filter((v) => v.decoder !== null)
		.limit(limit)
		.toArray();
	return rows.map(({ id, name, decoder, decoderNote, finishedAt }) => ({
		id,
		name,
		decoder,
		decoderNote,
		finishedAt
	}));
}

/** A finished run: how long the video lasts and how long its run took, wall clock. */
export interface PastRun {
	decoder: DecoderName;
	durationSec: number;
	runSec: number;
}

/**
 * This device's speed as the newest completed videos measured it (the rows are the one home of
 * those timings; nothing is copied elsewhere, so a restored backup brings its speed along).
 */
export async function recentRuns(db: KffDatabase, limit = 30): Promise<PastRun[]> {
	const rows = await db.videos
		.where('[deletedAt+status+createdAt]')
		.between(...withPrefix(NOT_DELETED, 'completed'), true, true)
		.reverse()
		.filter((v) => v.decoder !== null && !!v.durationSec && !!v.startedAt && !!v.finishedAt)
		.limit(limit)
		.toArray();
	return rows.map((v) => ({
		decoder: v.decoder!,
		durationSec: v.durationSec!,
		runSec: (v.finishedAt! - v.startedAt!) / 1000
	}));
}

/**
 * Adds seconds (or counts) to the video's stage profile, for work done after its run (People's
 * embedding); read and written in one transaction, so concurrent additions both count.
 */
export function addTimings(
	db: KffDatabase,
	videoId: string,
	added: Record<string, number>
): Promise<number> {
	return db.videos
		.where('id')
		.equals(videoId)
		.modify((video) => {
			const timings = { ...video.timings };
			for (const [stage, value] of Object.entries(added))
				timings[stage] = (timings[stage] ?? 0) + value;
			video.timings = timings;
		});
}
