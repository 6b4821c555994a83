// A finished run's candidates, kept so the review page can choose keyframes again without
// decoding: the keyframes table holds the current selection; a keyframe tuning leaves out is
// parked whole on its candidate row and comes back from there; a frame chosen that was never
// extracted waits for its full-size picture (`storeExtracted`).
import type { Tune } from '$lib/pipeline/curate';
import { candidatesOf } from './checkpoints';
import type { KffDatabase } from './database';
import { withPrefix } from './key-range';
import type { CandidateRecord, KeyframeRecord } from './types';

/**
 * Candidates kept per video at most (the chosen and parked ones always): at ~0.5 kB each a long
 * video's run stays within a few hundred kB; beyond it the lowest scores go.
 */
export const MAX_KEPT_CANDIDATES = 1000;

function keyframesOf(db: KffDatabase, videoId: string) {
	return db.keyframes.where('[videoId+frameIndex]').between(...withPrefix(videoId), true, true);
}

/**
 * Keeps a run's candidates past its end, at most MAX_KEPT_CANDIDATES besides `chosen`; only
 * inside a transaction over `candidates`.
 */
export async function keepRunCandidates(
	db: KffDatabase,
	videoId: string,
	chosen: ReadonlySet<number>
): Promise<void> {
	const rows = await candidatesOf(db, videoId).toArray();
	const extra = rows.filter((c) => !chosen.has(c.frameIndex));
	if (extra.length <= MAX_KEPT_CANDIDATES) return;
	const dropped = extra.sort((a, b) => b.score - a.score).slice(MAX_KEPT_CANDIDATES);
	await db.candidates.bulkDelete(dropped.map((c) => [videoId, c.frameIndex] as [string, number]));
}

/** A finished run's candidates, in frame order. */
export function runCandidates(db: KffDatabase, videoId: string): Promise<CandidateRecord[]> {
	return candidatesOf(db, videoId).toArray();
}

/**
 * Makes `chosen` the video's keyframes and `retune` its tuned settings (null: the run's), in one
 * transaction: keyframes left out are parked, parked ones chosen come back. Returns the frames
 * chosen that have no full-size picture yet, for `storeExtracted`.
 */
export function applySelection(
	db: KffDatabase,
	videoId: string,
	chosen: readonly number[],
	retune: Tune | null
): Promise<number[]> {
	const wanted = new Set(chosen);
	return db.transaction('rw', [db.videos, db.keyframes, db.candidates], async () => {
		const present = await keyframesOf(db, videoId).toArray();
		const have = new Set<number>();
		for (const keyframe of present) {
			if (wanted.has(keyframe.frameIndex)) have.add(keyframe.frameIndex);
			else await park(db, keyframe);
		}
		const missing: number[] = [];
		for (const frameIndex of chosen) {
			if (have.has(frameIndex)) continue;
			const candidate = await db.candidates.get([videoId, frameIndex]);
			if (candidate?.parked) {
				await db.keyframes.put(candidate.parked);
				await db.candidates.update([videoId, frameIndex], { parked: undefined });
				have.add(frameIndex);
			} else missing.push(frameIndex);
		}
		await db.videos.update(videoId, { retune, keyframeCount: have.size, updatedAt: Date.now() });
		return missing;
	});
}

/** A keyframe left out of the selection moves onto its candidate row (kept when it has none). */
async function park(db: KffDatabase, keyframe: KeyframeRecord): Promise<void> {
	const key: [string, number] = [keyframe.videoId, keyframe.frameIndex];
	if ((await db.candidates.update(key, { parked: keyframe })) === 0) return;
	await db.keyframes.delete(keyframe.id);
}

/**
 * Stores keyframes extracted for a tuned selection: those still chosen (`chosen`, the selection
 * now) become keyframes, the rest are parked for later.
 */
export function storeExtracted(
	db: KffDatabase,
	videoId: string,
	extracted: readonly Omit<KeyframeRecord, 'id' | 'videoId'>[],
	chosen: ReadonlySet<number>
): Promise<void> {
	return db.transaction('rw', [db.videos, db.keyframes, db.candidates], async () => {
		if ((await db.videos.where('id').equals(videoId).count()) === 0) return;
		for (const k of extracted) {
			const keyframe: KeyframeRecord = { ...k, id: crypto.randomUUID(), videoId };
			const key: [string, number] = [videoId, k.frameIndex];
			const exists = await db.keyframes.where('[videoId+frameIndex]').equals(key).count();
			if (exists > 0) continue;
			if (chosen.has(k.frameIndex)) await db.keyframes.add(keyframe);
			else await db.candidates.update(key, { parked: keyframe });
		}
		await db.videos.update(videoId, {
			keyframeCount: await keyframesOf(db, videoId).count(),
			updatedAt: Date.now()
		});
	});
}
