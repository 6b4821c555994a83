// The batch page: the batch, its videos and their counts, live; progress against a ticking
// clock; cancel, retry and export.
import { page } from '$app/state';
import { batchProgress } from '$lib/batch/batch-progress';
import { scheduler } from '$lib/batch/scheduler-instance';
import { batchCounts, getBatch } from '$lib/db/batches';
import { db } from '$lib/db/database';
import { personOptions } from '$lib/db/people';
import { videosOfBatch } from '$lib/db/videos';
import type { VideoRecord } from '$lib/db/types';
import { canRetry, isFinished } from '$lib/shared/status';
import { exportChoices } from './export-choices.svelte';
import { exportVideos } from './export-videos';
import { LiveQuery } from './live-query.svelte';
import { StorageStatus } from './storage-status.svelte';

export class BatchPageState {
	readonly id = $derived(page.params.id ?? '');
	readonly batch = new LiveQuery(() => {
		const id = this.id;
		return () => getBatch(db(), id);
	});
	readonly videos = new LiveQuery(() => {
		const id = this.id;
		return () => videosOfBatch(db(), id);
	});
	readonly counts = new LiveQuery(() => {
		const id = this.id;
		return () => batchCounts(db(), id);
	});
	#now = $state(Date.now());

	readonly progress = $derived(
		batchProgress(this.videos.current ?? [], this.batch.current?.startedAt ?? null, this.#now)
	);
	/** Something is still pending or processing. */
	readonly active = $derived(
		(this.counts.current?.pending ?? 0) + (this.counts.current?.processing ?? 0) > 0
	);
	readonly elapsedSec = $derived.by(() => {
		const b = this.batch.current;
		return b?.startedAt ? ((b.completedAt ?? this.#now) - b.startedAt) / 1000 : 0;
	});
	/** Completed videos that have keyframes to export. */
	readonly completedIds = $derived(
		(this.videos.current ?? [])
			.filter((v) => v.status === 'completed' && v.keyframeCount > 0)
			.map((v) => v.id)
	);
	/** The persons in the batch's videos, and the one its ZIP is narrowed to (null: everyone). */
	readonly persons = new LiveQuery(() => {
		const ids = this.completedIds;
		return () => personOptions(db(), ids);
	});
	personFilter = $state<string | null>(null);
	readonly retryable = $derived((this.videos.current ?? []).filter(canRetry).map((v) => v.id));
	/** The video that finished last, for the page's announcement of each video's end. */
	readonly lastFinished = $derived(
		(this.videos.current ?? [])
			.filter((v) => isFinished(v.status) && v.finishedAt !== null)
			.reduce<VideoRecord | null>(
				(last, v) => (!last || v.finishedAt! > last.finishedAt! ? v : last),
				null
			)
	);
	readonly finishedCount = $derived(
		(this.videos.current ?? []).filter((v) => isFinished(v.status)).length
	);
	readonly exportVideos = exportVideos;
	readonly exportChoices = exportChoices();
	/** Whether the browser will keep this library (asked when the batch was stored). */
	readonly storage = new StorageStatus();

	constructor() {
		$effect(() => void this.storage.refresh());
		$effect(() => {
			const timer = setInterval(() => (this.#now = Date.now()), 1000);
			return () => clearInterval(timer);
		});
	}

	/** Milliseconds since epoch, ticking every second, for ETAs. */
	get now(): number {
		return this.#now;
	}

	cancelBatch() {
		return scheduler().cancelBatch(this.id);
	}

	cancelVideo(id: string) {
		return scheduler().cancelVideo(id);
	}

	retry(ids: string[]) {
		return scheduler().retry(ids);
	}
}
