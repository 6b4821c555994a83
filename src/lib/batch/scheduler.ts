// The scheduler (main thread) is the queue policy: it hands pending videos of running batches to
// free workers in queue order, cancels, retries and stops stalled runs. What one run writes is
// ./video-run.ts. State lives in Dexie, so a reload resumes where it stopped: `processing` rows
// no worker owns go back to `pending` first, and their next run continues from its checkpoint.
import { resetVideoRun } from '$lib/db/checkpoints';
import type { KffDatabase } from '$lib/db/database';
import { finishBatchIfIdle, listRecentBatches, setBatchState } from '$lib/db/batches';
import {
	cancelPendingOfBatch,
	getVideo,
	nextPendingVideo,
	resetOrphanedProcessing,
	updateVideo
} from '$lib/db/videos';
import { peopleDueVideos } from '$lib/db/people';
import { applyLeftEdits } from '$lib/db/pending-edits';
import type { VideoRecord } from '$lib/db/types';
import type { FaceBox } from '$lib/pipeline/types';
import type { ExtractionSettings, FaceModel } from '$lib/settings/extraction-settings';
import { canRetry } from '$lib/shared/status';
import type { ExtractorClient } from '$lib/workers/extractor-client';
import type { PhotoFaces } from '$lib/workers/extractor-protocol';
import { addFrameByHand, type AddFrameResult } from './add-frame';
import { AwakeClock } from './awake-clock';
import { embedVideoFaces, leftOutOfPeople } from './embed-faces';
import { extractChosenFrames } from './extract-chosen';
import { rerunVideo, type RerunOutcome } from './rerun';
import { CANCELLED, MAX_ATTEMPTS, runVideo, STALL_TIMEOUT_MS, STALLED } from './video-run';

export interface SchedulerOptions {
	/** Read after each successful save: false removes the original file to free space. */
	keepOriginals: () => boolean;
}

interface RunningVideo {
	batchId: string;
	controller: AbortController;
	/** Awake time (the watchdog's clock) at the last progress report. */
	lastProgressAt: number;
}

/** How often the watchdog looks; a gap between two looks counts as at most two of them awake. */
const STALL_CHECK_MS = 5_000;

export class Scheduler {
	#db: KffDatabase;
	#extractor: ExtractorClient;
	#options: SchedulerOptions;
	#running = new Map<string, RunningVideo>();
	#awake = new AwakeClock(Date.now(), 2 * STALL_CHECK_MS);
	#awakeMs = 0;
	#pumping: Promise<void> | null = null;
	#again = false;
	/** The last People embedding asked for, per video. */
	#embedding = new Map<string, Promise<number>>();

	constructor(
		db: KffDatabase,
		extractor: ExtractorClient,
		options: SchedulerOptions = { keepOriginals: () => true }
	) {
		this.#db = db;
		this.#extractor = extractor;
		this.#options = options;
		// Lives as long as the page, like the scheduler itself.
		setInterval(() => this.#checkStalls(), STALL_CHECK_MS);
	}

	/** Ids of the videos being processed right now. */
	get runningIds(): string[] {
		return [...this.#running.keys()];
	}

	/**
	 * Start-up: rows left `processing` by a closed tab go back to `pending`, then running batches
	 * continue. Returns how many videos were reset.
	 */
	async resume(): Promise<number> {
		const reset = await resetOrphanedProcessing(this.#db, MAX_ATTEMPTS);
		await this.pump();
		// Edits (tags, merges, face moves) a closed tab asked for and did not get to apply.
		await applyLeftEdits(this.#db);
		// Faces a closed tab left for People to embed after their videos completed.
		for (const videoId of await peopleDueVideos(this.#db)) this.#embedLater(videoId);
		return reset;
	}

	async startBatch(batchId: string) {
		await setBatchState(this.#db, batchId, 'running');
		await this.pump();
	}

	/** Cancels one video: a running one is stopped at once, a pending one never starts. */
	async cancelVideo(videoId: string) {
		const running = this.#running.get(videoId);
		if (running) {
			running.controller.abort(CANCELLED);
			return;
		}
		const video = await getVideo(this.#db, videoId);
		if (video?.status === 'pending') {
			await resetVideoRun(this.#db, videoId, {
				status: 'cancelled',
				stage: null,
				finishedAt: Date.now()
			});
			await finishBatchIfIdle(this.#db, video.batchId);
		}
	}

	/** Stops running and pending videos of the batch; completed ones stay. */
	async cancelBatch(batchId: string) {
		await setBatchState(this.#db, batchId, 'cancelled');
		await cancelPendingOfBatch(this.#db, batchId, Date.now());
		for (const run of this.#running.values()) {
			if (run.batchId === batchId) run.controller.abort(CANCELLED);
		}
		await finishBatchIfIdle(this.#db, batchId);
	}

	/**
	 * Puts failed or cancelled videos back in the queue, to run from frame 0, and runs their
	 * batch again.
	 */
	async retry(videoIds: string[]) {
		const batchIds = new Set<string>();
		for (const id of videoIds) {
			const video = await getVideo(this.#db, id);
			if (!video || !canRetry(video)) continue;
			await resetVideoRun(this.#db, id, {
				status: 'pending',
				progress: 0,
				stage: null,
				error: null,
				errorDetails: null,
				message: null,
				finishedAt: null,
				attempts: 0
			});
			batchIds.add(video.batchId);
		}
		for (const batchId of batchIds) await setBatchState(this.#db, batchId, 'running');
		await this.pump();
	}

	/** Extracts frames a tuned selection chose, in a pool worker (queued like any job). */
	extractFrames(videoId: string, frameIndices: number[]): Promise<boolean> {
		return extractChosenFrames(this.#db, this.#extractor, videoId, frameIndices);
	}

	/** Takes one frame of a video at full size as a keyframe (a pool job, queued like any). */
	addFrame(videoId: string, frameIndex: number): Promise<AddFrameResult> {
		return addFrameByHand(this.#db, this.#extractor, videoId, frameIndex);
	}

	/** Processes a finished video again with `settings`; nothing is stored (see rerun.ts). */
	rerun(
		videoId: string,
		settings: ExtractionSettings,
		onProgress: (progress: number) => void,
		signal: AbortSignal
	): Promise<RerunOutcome> {
		return rerunVideo(this.#db, this.#extractor, videoId, settings, onProgress, signal);
	}

	/** Prepares an idle worker's face models for the runs to come (see ExtractorClient.warm). */
	warm(model: FaceModel, ffmpeg = false) {
		this.#extractor.warm(model, ffmpeg);
	}

	/** Runs the face detector on a still photo in a pool worker (queued like any job). */
	detectImage(image: Blob, model: FaceModel, confidence: number): Promise<FaceBox[]> {
		return this.#extractor.detectImage(image, model, confidence);
	}

	/** A reference photo's faces with their embeddings, in a pool worker. */
	embedImage(image: Blob, model: FaceModel, confidence: number): Promise<PhotoFaces> {
		return this.#extractor.embedImage(image, model, confidence);
	}

	/** Why face recognition cannot run here (null when it can). */
	peopleUnavailable(): Promise<string | null> {
		return this.#extractor.peopleUnavailable();
	}

	/**
	 * Embeds the faces of the video's keyframes that People does not have yet (see
	 * embed-faces.ts). One video's calls run one after the other: each sees what the one before
	 * stored, so two never embed the same frames.
	 */
	embedFaces(videoId: string): Promise<number> {
		const before = this.#embedding.get(videoId) ?? Promise.resolve(0);
		const next = before
			.catch(() => 0)
			.then(() => embedVideoFaces(this.#db, this.#extractor, videoId));
		this.#embedding.set(videoId, next);
		const forget = () => {
			if (this.#embedding.get(videoId) === next) this.#embedding.delete(videoId);
		};
		next.then(forget, forget);
		return next;
	}

	#embedLater(videoId: string): void {
		this.embedFaces(videoId).catch(leftOutOfPeople);
	}

	/** Fills free workers with pending videos. Calls made while it runs are coalesced. */
	pump(): Promise<void> {
		this.#again = true;
		if (this.#pumping) return this.#pumping;
		this.#pumping = (async () => {
			try {
				while (this.#again) {
					this.#again = false;
					await this.#fill();
				}
			} finally {
				// Cleared in the same turn as the last check, so no later call can be lost.
				this.#pumping = null;
			}
		})();
		return this.#pumping;
	}

	async #fill() {
		// Oldest running batch first, so batches finish in the order they were started.
		const batches = (await listRecentBatches(this.#db, 1000))
			.filter((b) => b.state === 'running')
			.reverse();
		for (const batch of batches) {
			this.#extractor.resize(batch.concurrency);
			while (this.#running.size < batch.concurrency) {
				const video = await nextPendingVideo(this.#db, batch.id);
				if (!video) break;
				await this.#launch(video);
			}
			if (this.#running.size >= batch.concurrency) return;
			await finishBatchIfIdle(this.#db, batch.id);
		}
	}

	async #launch(video: VideoRecord) {
		const run: RunningVideo = {
			batchId: video.batchId,
			controller: new AbortController(),
			lastProgressAt: this.#awakeMs
		};
		this.#running.set(video.id, run);
		// Counted before the run starts, so a run the tab dies in counts too. The bar stays where
		// the queue left it: 0, or the checkpoint an interrupted run continues from.
		const launched = { ...video, attempts: video.attempts + 1 };
		await updateVideo(this.#db, video.id, {
			status: 'processing',
			stage: 'queued',
			error: null,
			errorDetails: null,
			message: null,
			startedAt: Date.now(),
			attempts: launched.attempts
		});
		const context = {
			db: this.#db,
			extractor: this.#extractor,
			keepOriginals: this.#options.keepOriginals,
			onAlive: () => (run.lastProgressAt = this.#awakeMs),
			embedFaces: (videoId: string) => this.#embedLater(videoId)
		};
		void runVideo(context, launched, run.controller.signal)
			.then(() => finishBatchIfIdle(this.#db, video.batchId))
			.finally(() => {
				// A quick retry may already have put a new run under the same id.
				if (this.#running.get(video.id) === run) this.#running.delete(video.id);
				void this.pump();
			});
	}

	#checkStalls() {
		this.#awakeMs = this.#awake.tick(Date.now());
		for (const run of this.#running.values()) {
			if (this.#awakeMs - run.lastProgressAt > STALL_TIMEOUT_MS) run.controller.abort(STALLED);
		}
	}
}
