// People for keyframes that were stored without it: a video that just completed (only a
// reference run embeds during the run), one processed before People existed or while face
// recognition could not run, a frame added by hand, a tuned selection's new frames, a re-run
// that was kept. Their faces are embedded in a pool worker from the stored full-size
// keyframes and placed into persons; faces of frames that are no longer keyframes go.
import type { KffDatabase } from '$lib/db/database';
import { keyframesToEmbed, saveVideoFaces } from '$lib/db/people';
import { addTimings } from '$lib/db/videos';
import type { ExtractorClient } from '$lib/workers/extractor-client';
import type { FaceEmbedding } from '$lib/workers/extractor-protocol';

/** The number of faces embedded; rejects when face recognition cannot run. */
export async function embedVideoFaces(
	db: KffDatabase,
	extractor: ExtractorClient,
	videoId: string
): Promise<number> {
	const { todo, keep } = await keyframesToEmbed(db, videoId);
	let embeddings: FaceEmbedding[] = [];
	if (todo.length > 0) {
		const made = await extractor.embedKeyframes(
			todo.map(({ frameIndex, image, faces }) => ({ frameIndex, image, faces }))
		);
		embeddings = made.embeddings;
		// The same stages a reference run's profile has (it embeds during the run); written
		// first, so that whoever sees the faces sees what they took.
		await addTimings(db, videoId, {
			embed: made.embedSec,
			'embed load': made.loadSec,
			embedded: embeddings.length
		});
	}
	await saveVideoFaces(db, videoId, embeddings, todo, keep);
	return embeddings.length;
}

/** People never fails what asked for it: a model that cannot run only leaves the faces out. */
export function leftOutOfPeople(error: unknown): void {
	console.warn('People: the faces of new keyframes were left out', error);
}
