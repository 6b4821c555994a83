// Frames a tuned selection chose that the run never extracted: decoded again from the original
// in a pool worker, then stored as keyframes if the selection (which may have changed meanwhile)
// still holds them, else parked for later.
import { runCandidates, storeExtracted } from '$lib/db/curation';
import type { KffDatabase } from '$lib/db/database';
import { getVideo, getVideoFile } from '$lib/db/videos';
import { curate } from '$lib/pipeline/curate';
import type { ExtractorClient } from '$lib/workers/extractor-client';

/** False when the frames cannot be extracted (no original file, no stored run). */
export async function extractChosenFrames(
	db: KffDatabase,
	extractor: ExtractorClient,
	videoId: string,
	frameIndices: readonly number[]
): Promise<boolean> {
	const [video, file] = await Promise.all([getVideo(db, videoId), getVideoFile(db, videoId)]);
	if (!video?.selection || !file) return false;
	const wanted = new Set(frameIndices);
	const frames = (await runCandidates(db, videoId))
		.filter((c) => wanted.has(c.frameIndex) && !c.parked)
		// Only what the worker needs: no parked Blobs, no row keys.
		.map(({ frameIndex, timeSec, score, hash, shot, faces, sharpness }) => {
			return { frameIndex, timeSec, score, hash, shot, faces, sharpness };
		});
	if (frames.length === 0) return true;
	const extracted = await extractor.extractFrames({
		file,
		name: video.name,
		settings: video.settings,
		frames
	});
	const now = await getVideo(db, videoId);
	if (!now?.selection) return false;
	const chosen = curate(
		await runCandidates(db, videoId),
		now.selection,
		now.retune ?? now.selection.tune
	);
	await storeExtracted(db, videoId, extracted, new Set(chosen));
	return true;
}
