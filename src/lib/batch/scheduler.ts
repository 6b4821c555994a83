// The scheduler (main thread) hands pending videos of running batches to free workers, in queue
// order, and is the only code that changes a video's status. State lives in Dexie, so a reload
// resumes where it stopped: `processing` rows no worker owns go back to `pending` first.
import * as Comlink from 'comlink';
import type { KffDatabase } from '$lib/db/database';
import { finishBatchIfIdle, listRecentBatches, setBatchState } from '$lib/db/batches';
import {
	cancelPendingOfBatch,
	getVideo,
	getVideoFile,
	nextPendingVideo,
	removeOriginal,
	resetOrphanedProcessing,
	saveExtractionResult,
	updateVideo
} from '$lib/db/videos';
import type { VideoRecord } from '$lib/db/types';
import { errorText, isStorageFull, noFacesNotice } from '$lib/pipeline/failure-message';
import type { Notice } from '$lib/pipeline/notice';
import type {
	AssetUrls,
	ExtractOutcome,
	ExtractProgress,
	ExtractorApi
} from '$lib/workers/extractor-protocol';
import { TaskAbortedError, type WorkerPool } from '$lib/workers/worker-pool';
import type { FaceBox } from '$lib/pipeline/types';
import type { FaceModel } from '$lib/settings/extraction-settings';

/** A video that reports no progress for this long is stopped and failed. */
export const STALL_TIMEOUT_MS = 120_000;
/** Progress rows are written at most this often per video. */
const PROGRESS_WRITE_MS = 250;

const STALLED = 'stalled';
const CANCELLED = 'cancelled';

export interface SchedulerOptions {
	/** Read after each successful save: false removes the original file to free space. */
	keepOriginals: () => boolean;
}

interface RunningVideo {
	batchId: string;
	controller: AbortController;
	lastProgressAt: number;
}

export class Scheduler {
	#db: KffDatabase;
	#pool: WorkerPool<ExtractorApi>;
	#assets: () => AssetUrls;
	#options: SchedulerOptions;
	#running = new Map<string, RunningVideo>();
	#pumping: Promise<void> | null = null;
	#again = false;

	constructor(
		db: KffDatabase,
		pool: WorkerPool<ExtractorApi>,
		assets: () => AssetUrls,
		options: SchedulerOptions = { keepOriginals: () => true }
	) {
		this.#db = db;
		this.#pool = pool;
		this.#assets = assets;
		this.#options = options;
		// Lives as long as the page, like the scheduler itself.
		setInterval(() => this.#checkStalls(), 5_000);
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
		const reset = await resetOrphanedProcessing(this.#db);
		await this.pump();
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
			await updateVideo(this.#db, videoId, {
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

	/** Puts failed or cancelled videos back in the queue and runs their batch again. */
	async retry(videoIds: string[]) {
		const batchIds = new Set<string>();
		for (const id of videoIds) {
			const video = await getVideo(this.#db, id);
			if (!video || (video.status !== 'failed' && video.status !== 'cancelled')) continue;
			await updateVideo(this.#db, id, {
				status: 'pending',
				progress: 0,
				stage: null,
				error: null,
				errorDetails: null,
				message: null,
				finishedAt: null
			});
			batchIds.add(video.batchId);
		}
		for (const batchId of batchIds) await setBatchState(this.#db, batchId, 'running');
		await this.pump();
	}

	/** Runs the face detector on a still photo in a pool worker (queued like any job). */
	detectImage(image: Blob, model: FaceModel, confidence: number): Promise<FaceBox[]> {
		return this.#pool.run((api) =>
			api.detectImage({ image, model, confidence, assets: this.#assets() })
		);
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
			this.#pool.resize(batch.concurrency);
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
			lastProgressAt: Date.now()
		};
		this.#running.set(video.id, run);
		await updateVideo(this.#db, video.id, {
			status: 'processing',
			stage: 'queued',
			progress: 0,
			error: null,
			errorDetails: null,
			message: null,
			startedAt: Date.now()
		});
		void this.#process(video, run).finally(() => {
			// A quick retry may already have put a new run under the same id.
			if (this.#running.get(video.id) === run) this.#running.delete(video.id);
			void this.pump();
		});
	}

	async #process(video: VideoRecord, run: RunningVideo) {
		const file = await getVideoFile(this.#db, video.id);
		if (!file) {
			await this.#fail(video, { code: 'original-missing' }, '');
			return;
		}
		let lastWrite = 0;
		let shown = 0;
		let writing: Promise<unknown> = Promise.resolve();
		const onProgress = (p: ExtractProgress) => {
			run.lastProgressAt = Date.now();
			const now = Date.now();
			if (!p.probe && now - lastWrite < PROGRESS_WRITE_MS) return;
			lastWrite = now;
			// Seen in Chromium: a fresh worker's first callback can arrive after later ones;
			// the bar never moves backwards.
			shown = Math.max(shown, p.progress);
			const changes: Partial<VideoRecord> = {
				stage: p.stage,
				progress: shown,
				framesDone: p.framesDone,
				framesTotal: p.framesTotal
			};
			if (p.probe) {
				Object.assign(changes, {
					durationSec: p.probe.durationSec,
					fps: p.probe.fps,
					width: p.probe.width,
					height: p.probe.height,
					codec: p.probe.codec,
					rotation: p.probe.rotation
				});
			}
			writing = writing.then(() => updateVideo(this.#db, video.id, changes)).catch(() => {});
		};
		let outcome: ExtractOutcome;
		try {
			outcome = await this.#pool.run<ExtractOutcome>(
				(api) =>
					api.extract(
						{ file, name: video.name, settings: video.settings, assets: this.#assets() },
						Comlink.proxy(onProgress)
					),
				run.controller.signal
			);
		} catch (error) {
			await writing;
			if (error instanceof TaskAbortedError && run.controller.signal.reason === CANCELLED) {
				await updateVideo(this.#db, video.id, {
					status: 'cancelled',
					stage: null,
					finishedAt: Date.now()
				});
			} else if (error instanceof TaskAbortedError && run.controller.signal.reason === STALLED) {
				await this.#fail(video, { code: 'stalled', seconds: STALL_TIMEOUT_MS / 1000 }, '');
			} else {
				const text = errorText(error);
				await this.#fail(video, { code: 'stopped-unexpectedly' }, text);
			}
			await finishBatchIfIdle(this.#db, video.batchId);
			return;
		}
		await writing;
		if (!outcome.ok) {
			await this.#fail(video, outcome.notice, outcome.details);
		} else {
			let saved = false;
			try {
				// Inside the try: when the disk is full even this small write fails, and the video
				// must end failed with the storage message, not stay 'processing'.
				await updateVideo(this.#db, video.id, { stage: 'saving', progress: 0.99 });
				saved = await saveExtractionResult(this.#db, video.id, {
					video: {
						durationSec: outcome.probe.durationSec,
						fps: outcome.probe.fps,
						width: outcome.probe.width,
						height: outcome.probe.height,
						codec: outcome.probe.codec,
						rotation: outcome.probe.rotation,
						thumbnail: outcome.thumbnail,
						decoder: outcome.decoder,
						decoderNote: outcome.decoderNote,
						timings: outcome.timings,
						message:
							outcome.keyframes.length === 0
								? noFacesNotice(video.settings.confidence, video.settings.model)
								: outcome.warning
					},
					keyframes: outcome.keyframes
				});
			} catch (error) {
				const text = errorText(error);
				await this.#fail(
					video,
					{ code: isStorageFull(error) ? 'storage-full' : 'save-failed' },
					text
				);
			}
			// Outside the try: the keyframes are saved; failing to free space must not fail the video.
			if (saved && !this.#options.keepOriginals()) {
				await removeOriginal(this.#db, video.id).catch((error: unknown) =>
					console.warn('Could not remove the original file', error)
				);
			}
		}
		await finishBatchIfIdle(this.#db, video.batchId);
	}

	async #fail(video: VideoRecord, notice: Notice, details: string) {
		await updateVideo(this.#db, video.id, {
			status: 'failed',
			stage: null,
			error: notice,
			errorDetails: details || null,
			finishedAt: Date.now()
		});
	}

	#checkStalls() {
		const now = Date.now();
		for (const run of this.#running.values()) {
			if (now - run.lastProgressAt > STALL_TIMEOUT_MS) run.controller.abort(STALLED);
		}
	}
}
