// Derived figures of a batch for its page: nothing here is stored, all comes from its videos.
import { isFinished } from '$lib/shared/status';
import type { VideoRecord } from '$lib/db/types';

export interface BatchProgress {
	done: number;
	total: number;
	/** 0..1, weighted by duration where known so a long video counts for more. */
	fraction: number;
	/** Seconds left, or null while there is too little to go on. */
	etaSec: number | null;
}

export function batchProgress(
	videos: VideoRecord[],
	startedAt: number | null,
	now: number
): BatchProgress {
	const known = videos.filter((v) => v.durationSec);
	const meanDuration = known.length
		? known.reduce((s, v) => s + v.durationSec!, 0) / known.length
		: 1;
	let weight = 0;
	let doneWeight = 0;
	for (const v of videos) {
		const w = v.durationSec ?? meanDuration;
		weight += w;
		doneWeight += w * (isFinished(v.status) ? 1 : v.progress);
	}
	const fraction = weight > 0 ? doneWeight / weight : 0;
	const elapsed = startedAt ? (now - startedAt) / 1000 : 0;
	const etaSec =
		fraction > 0.02 && fraction < 1 && elapsed > 0 ? (elapsed / fraction) * (1 - fraction) : null;
	return {
		done: videos.filter((v) => isFinished(v.status)).length,
		total: videos.length,
		fraction,
		etaSec
	};
}
