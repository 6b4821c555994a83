// One video's run: read its file, extract it in a worker, write progress as it comes and the
// outcome when it ends. The scheduler decides which video runs when; this decides what a run
// writes, and is the only place that turns an outcome into a video's final state.
import { getBatch } from '$lib/db/batches';
import {
	resetVideoRun,
	resumableCheckpoint,
	saveCheckpoint,
	type Resumable
} from '$lib/db/checkpoints';
import type { KffDatabase } from '$lib/db/database';
import { saveVideoFaces } from '$lib/db/people';
import type { ExtractionSettings, VideoRecord } from '$lib/db/types';
import {
	getVideoFile,
	removeOriginal,
	saveExtractionResult,
	updateVideo,
	type ExtractionResult
} from '$lib/db/videos';
import { errorText, isStorageFull, noFacesNotice } from '$lib/pipeline/failure-message';
import type { Notice } from '$lib/pipeline/notice';
import type { ExtractorClient, ExtractListeners } from '$lib/workers/extractor-client';
import type {
	ExtractOutcome,
	ExtractProgress,
	SamplingCheckpoint,
	SamplingResume
} from '$lib/workers/extractor-protocol';
import { TaskAbortedError } from '$lib/workers/worker-pool';

/** A video that reports no progress for this long (awake) is stopped. */
export const STALL_TIMEOUT_MS = 120_000;
/**
 * Runs a video gets before a crash or stall fails it: the first one goes back to the queue (a
 * worker can die of something else, e.g. memory another tab took), the second is its own fault.
 */
export const MAX_ATTEMPTS = 2;
/** Progress rows are written at most this often per video. */
export const PROGRESS_WRITE_MS = 250;

/** Why a run's signal was aborted. */
export const STALLED = 'stalled';
export const CANCELLED = 'cancelled';

export interface VideoRunContext {
	db: KffDatabase;
	extractor: ExtractorClient;
	/** Read after each successful save: false removes the original file to free space. */
	keepOriginals: () => boolean;
	/** Called on every progress report, for the scheduler's stall watch. */
	onAlive: () => void;
	/** Puts the faces of a completed video's keyframes into People, in the background. */
	embedFaces: (videoId: string) => void;
}

function fail(db: KffDatabase, video: VideoRecord, notice: Notice, details: string) {
	return resetVideoRun(db, video.id, {
		status: 'failed',
		stage: null,
		error: notice,
		errorDetails: details || null,
		finishedAt: Date.now()
	});
}

/**
 * Back to the queue for another run, which continues from the checkpoint (the bar shows where,
 * `progress`); `details` says what stopped the last one.
 */
function requeue(db: KffDatabase, video: VideoRecord, details: string, progress: number) {
	return updateVideo(db, video.id, {
		status: 'pending',
		stage: null,
		progress,
		startedAt: null,
		errorDetails: details || null
	});
}

/** The worker's view of a stored checkpoint. */
function resumeFrom({ checkpoint, candidates }: Resumable): SamplingResume {
	return { decoder: checkpoint.decoder, state: checkpoint.state, candidates };
}

/**
 * Progress rows for the video: at most one per PROGRESS_WRITE_MS (the probe's always), in order,
 * never moving the bar backwards from `start` (a resumed run's checkpoint). Every checkpoint is
 * stored, in order with them. `written()` settles once every write issued so far has.
 */
function runWriter(db: KffDatabase, video: VideoRecord, start: number, onAlive: () => void) {
	const videoId = video.id;
	let lastWrite = 0;
	let shown = start;
	let checkpointed = start;
	let writing: Promise<unknown> = Promise.resolve();
	const progress = (p: ExtractProgress) => {
		onAlive();
		const now = Date.now();
		if (!p.probe && now - lastWrite < PROGRESS_WRITE_MS) return;
		lastWrite = now;
		// Seen in Chromium: a fresh worker's first callback can arrive after later ones.
		shown = Math.max(shown, p.progress);
		const changes: Partial<VideoRecord> = {
			stage: p.stage,
			progress: shown,
			framesDone: p.framesDone,
			framesTotal: p.framesTotal
		};
		if (p.probe) {
			const { durationSec, fps, width, height, codec, rotation } = p.probe;
			Object.assign(changes, { durationSec, fps, width, height, codec, rotation });
		}
		writing = writing.then(() => updateVideo(db, videoId, changes)).catch(() => {});
	};
	const checkpoint = ({ candidates, replace, ...fields }: SamplingCheckpoint) => {
		const record = { videoId, settings: video.settings, ...fields };
		checkpointed = fields.progress;
		// A checkpoint that cannot be stored (e.g. the disk is full) only costs a resume: the run
		// goes on, and its outcome says what the disk allows.
		writing = writing
			.then(() => saveCheckpoint(db, record, candidates, replace))
			.catch((error: unknown) => console.warn('Could not store a checkpoint', error));
	};
	const listeners: ExtractListeners = { progress, checkpoint };
	return { listeners, written: () => writing, checkpointed: () => checkpointed };
}

/** What a finished run stores: the probe's facts, the run's notes, keyframes and candidates. */
export function extractionResult(
	settings: ExtractionSettings,
	outcome: Extract<ExtractOutcome, { ok: true }>
): ExtractionResult {
	const { durationSec, fps, width, height, codec, rotation } = outcome.probe;
	return {
		video: {
			durationSec,
			fps,
			width,
			height,
			codec,
			rotation,
			thumbnail: outcome.thumbnail,
			decoder: outcome.decoder,
			decoderNote: outcome.decoderNote,
			timings: outcome.timings,
			selection: outcome.selection,
			retune: null,
			message:
				outcome.keyframes.length === 0
					? noFacesNotice(settings.confidence, settings.model)
					: outcome.warning
		},
		keyframes: outcome.keyframes,
		candidates: outcome.candidates,
		peopleDue: outcome.embeddings.length === 0 && outcome.keyframes.some((k) => k.faces.length > 0)
	};
}

async function saveOutcome(
	ctx: VideoRunContext,
	video: VideoRecord,
	outcome: Extract<ExtractOutcome, { ok: true }>
) {
	const { db } = ctx;
	let saved = false;
	const result = extractionResult(video.settings, outcome);
	try {
		// Inside the try: when the disk is full even this small write fails, and the video must
		// end failed with the storage notice, not stay 'processing'.
		await updateVideo(db, video.id, { stage: 'saving', progress: 0.99 });
		saved = await saveExtractionResult(db, video.id, result);
	} catch (error) {
		const code = isStorageFull(error) ? 'storage-full' : 'save-failed';
		await fail(db, video, { code }, errorText(error));
	}
	// Outside the try, like what follows: the keyframes are saved and People never fails a video.
	// A reference run embedded its keyframes' faces to choose them; any other video's are
	// embedded now, after the video shows as completed: beside the next one's run where the pool
	// has a free worker, else (one video at a time) just before it.
	if (saved && result.peopleDue) ctx.embedFaces(video.id);
	else if (saved && outcome.embeddings.length > 0) {
		await saveVideoFaces(db, video.id, outcome.embeddings, outcome.keyframes).catch(
			(error: unknown) => console.warn('Could not place the faces into persons', error)
		);
	}
	// Failing to free space must not fail the video either.
	if (saved && !ctx.keepOriginals()) {
		await removeOriginal(db, video.id).catch((error: unknown) =>
			console.warn('Could not remove the original file', error)
		);
	}
}

/**
 * Runs `video` (its `attempts` counting this run) to its final state: completed, failed or
 * cancelled (when `signal` says so), or back to pending after a first crash or stall.
 */
export async function runVideo(ctx: VideoRunContext, video: VideoRecord, signal: AbortSignal) {
	const { db } = ctx;
	const file = await getVideoFile(db, video.id);
	if (!file) {
		await fail(db, video, { code: 'original-missing' }, '');
		return;
	}
	// An interrupted run of the same settings is continued (its attempts still count).
	const resumable = await resumableCheckpoint(db, video.id, video.settings);
	const reference = (await getBatch(db, video.batchId))?.reference ?? null;
	const progress = runWriter(db, video, resumable?.checkpoint.progress ?? 0, ctx.onAlive);
	let outcome: ExtractOutcome;
	try {
		outcome = await ctx.extractor.extract(
			{
				file,
				name: video.name,
				settings: video.settings,
				resume: resumable && resumeFrom(resumable),
				reference
			},
			progress.listeners,
			signal
		);
	} catch (error) {
		await progress.written();
		const aborted = error instanceof TaskAbortedError;
		if (aborted && signal.reason === CANCELLED) {
			await resetVideoRun(db, video.id, {
				status: 'cancelled',
				stage: null,
				finishedAt: Date.now()
			});
		} else {
			const stalled = aborted && signal.reason === STALLED;
			const notice: Notice = stalled
				? { code: 'stalled', seconds: STALL_TIMEOUT_MS / 1000 }
				: { code: 'stopped-unexpectedly' };
			const details = stalled ? '' : errorText(error);
			if (video.attempts < MAX_ATTEMPTS) await requeue(db, video, details, progress.checkpointed());
			else await fail(db, video, notice, details);
		}
		return;
	}
	await progress.written();
	if (outcome.ok) await saveOutcome(ctx, video, outcome);
	else await fail(db, video, outcome.notice, outcome.details);
}
