// A frame picked by hand on the review page: decoded at full size in a pool worker from the kept
// original, with the video's own decoder, model and confidence, and stored as a keyframe marked as
// added by hand.
import type { KffDatabase } from '$lib/db/database';
import { runCandidates } from '$lib/db/curation';
import { addKeyframe } from '$lib/db/keyframes';
import { getVideo, getVideoFile } from '$lib/db/videos';
import type { Notice } from '$lib/pipeline/notice';
import { scoredAmong } from '$lib/pipeline/score';
import type { ExtractorClient } from '$lib/workers/extractor-client';

export type AddFrameResult =
	| { status: 'added' }
	/** The video already has this frame as a keyframe. */
	| { status: 'exists' }
	/** The original file is gone (removed to save space, or the video deleted). */
	| { status: 'no-original' }
	| { status: 'failed'; notice: Notice };

export async function addFrameByHand(
	db: KffDatabase,
	extractor: ExtractorClient,
	videoId: string,
	frameIndex: number
): Promise<AddFrameResult> {
	const [video, file] = await Promise.all([getVideo(db, videoId), getVideoFile(db, videoId)]);
	if (!video || !file) return { status: 'no-original' };
	const outcome = await extractor.extractFrame(file, video.settings, frameIndex);
	if (!outcome.ok) return { status: 'failed', notice: outcome.notice };
	// Its eyes are judged against the face's own open eyes, as the run's frames were.
	const { keyframe } = outcome;
	const candidates = await runCandidates(db, videoId);
	const scored = scoredAmong(keyframe, candidates, keyframe.width, keyframe.height);
	const added = await addKeyframe(db, { ...scored, videoId, addedByHand: true });
	return { status: added ? 'added' : 'exists' };
}
