// A finished video processed again with other settings, without adding it again: the run goes
// through a pool worker like any job, but its keyframes are only a proposal (stored apart, see
// db/rerun-proposals.ts) until the person keeps them (`keepRerun`). Keeping replaces the run's keyframes in one transaction;
// frames added by hand stay, and annotations stay with the frames that survive (they are keyed by
// frame index).
import { getBatch } from '$lib/db/batches';
import type { KffDatabase } from '$lib/db/database';
import { checkpointTables } from '$lib/db/checkpoints';
import { keyframesOfVideo } from '$lib/db/keyframes';
import { dropProposal } from '$lib/db/rerun-proposals';
import type { ExtractionSettings } from '$lib/db/types';
import {
	getVideo,
	getVideoFile,
	saveExtractionResult,
	type ExtractionResult
} from '$lib/db/videos';
import type { Notice } from '$lib/pipeline/notice';
import type { ExtractorClient } from '$lib/workers/extractor-client';
import { extractionResult } from './video-run';

export type RerunOutcome =
	| { ok: true; settings: ExtractionSettings; result: ExtractionResult }
	| { ok: false; notice: Notice };

/** Rejects with the pool's TaskAbortedError when `signal` fires. */
export async function rerunVideo(
	db: KffDatabase,
	extractor: ExtractorClient,
	videoId: string,
	settings: ExtractionSettings,
	onProgress: (progress: number) => void,
	signal: AbortSignal
): Promise<RerunOutcome> {
	const [video, file] = await Promise.all([getVideo(db, videoId), getVideoFile(db, videoId)]);
	if (!video || !file) return { ok: false, notice: { code: 'original-missing' } };
	// A re-run keeps to its batch's reference photo, as the first run did.
	const reference = (await getBatch(db, video.batchId))?.reference ?? null;
	// Its candidates go with its proposal (in the result), not into the video's: they are the
	// run's last ones until it is kept. So are its checkpoints: a re-run starts over.
	const outcome = await extractor.extract(
		{ file, name: video.name, settings, resume: null, reference },
		{ progress: (p) => onProgress(p.progress), checkpoint: () => {} },
		signal
	);
	if (!outcome.ok) return { ok: false, notice: outcome.notice };
	return { ok: true, settings, result: extractionResult(settings, outcome) };
}

/**
 * Stores a re-run's keyframes in place of the last run's, with its settings, and forgets the
 * stored proposal, in one transaction; keyframes added by hand stay unless the run chose the same
 * frame. False when the video no longer exists.
 */
export function keepRerun(
	db: KffDatabase,
	videoId: string,
	{ settings, result }: Extract<RerunOutcome, { ok: true }>
): Promise<boolean> {
	const tables = [
		db.videos,
		db.keyframes,
		db.peopleDue,
		db.rerunProposals,
		...checkpointTables(db)
	];
	return db.transaction('rw', tables, async () => {
		const chosen = new Set(result.keyframes.map((k) => k.frameIndex));
		// saveExtractionResult gives every keyframe a new id: these are stored again as they are.
		const byHand = (await keyframesOfVideo(db, videoId)).filter(
			(k) => k.addedByHand && !chosen.has(k.frameIndex)
		);
		const keyframes = [...result.keyframes, ...byHand].sort((a, b) => a.frameIndex - b.frameIndex);
		await dropProposal(db, videoId);
		// People catches up with the new keyframes afterwards, and drops the faces of frames gone.
		return saveExtractionResult(db, videoId, {
			...result,
			video: { ...result.video, settings },
			keyframes,
			peopleDue: true
		});
	});
}
