// A finished run's candidates: kept (bounded) past the run, and the selection tuned from them,
// with keyframes parked and brought back whole, and extracted frames stored where they belong.
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { saveCheckpoint } from '$lib/db/checkpoints';
import {
	applySelection,
	MAX_KEPT_CANDIDATES,
	runCandidates,
	storeExtracted
} from '$lib/db/curation';
import type { KffDatabase } from '$lib/db/database';
import { keyframesOfVideo } from '$lib/db/keyframes';
import { addVideosToBatch, getVideo, saveExtractionResult } from '$lib/db/videos';
import type { ScoredFrame } from '$lib/pipeline/types';
import { useFreshDatabase } from '../support/fresh-database';
import { defaultExtraction, keyframeFields, selectionBasis } from '../support/records';
import { testBatch, testFiles } from '../support/seed-videos';

let db: KffDatabase;
useFreshDatabase((fresh) => (db = fresh));

const scored = (frameIndex: number, score = 0.5): ScoredFrame => ({
	frameIndex,
	timeSec: frameIndex / 10,
	score,
	hash: '00ff00ff00ff00ff',
	sharpness: 0.5,
	faces: [],
	shot: 0
});

/** A video whose run scored `candidates` and kept `chosen` as keyframes. */
async function finishedRun(candidates: ScoredFrame[], chosen: number[]) {
	const [video] = await addVideosToBatch(db, testBatch(), testFiles(1));
	const fields = {
		videoId: video.id,
		settings: defaultExtraction(),
		decoder: 'webcodecs' as const,
		state: {
			after: { frameIndex: 1e6, timeSec: 1e5 },
			gate: { lastTime: 0, lastGrid: null, skipped: 0 },
			counts: { sampled: candidates.length, detected: candidates.length }
		},
		progress: 0.9
	};
	await saveCheckpoint(db, fields, candidates, true);
	await saveExtractionResult(db, video.id, {
		video: { selection: selectionBasis(), retune: null },
		keyframes: chosen.map((f) => keyframeFields(f, 10))
	});
	return video.id;
}

const frames = async (videoId: string) =>
	(await keyframesOfVideo(db, videoId)).map((k) => k.frameIndex);

it('a finished run keeps its candidates, the lowest scores going beyond the bound', async () => {
	const many = Array.from({ length: MAX_KEPT_CANDIDATES + 5 }, (_, i) =>
		scored(i, i === 0 ? 0 : 1)
	);
	const videoId = await finishedRun(many, [0]);
	const kept = await runCandidates(db, videoId);
	expect(kept).toHaveLength(MAX_KEPT_CANDIDATES + 1);
	// Frame 0 scores lowest but was chosen: it stays; the 4 dropped are low-ranked extras.
	expect(kept.some((c) => c.frameIndex === 0)).toBe(true);
	expect(await db.checkpoints.count()).toBe(0);
});

it('tuning parks keyframes left out and brings them back whole; new ones are reported', async () => {
	const videoId = await finishedRun(
		[1, 2, 3, 4].map((f) => scored(f)),
		[1, 2, 3]
	);
	const [firstId] = (await keyframesOfVideo(db, videoId)).map((k) => k.id);
	const tune = { ...selectionBasis().tune, maxFrames: 1 };

	expect(await applySelection(db, videoId, [1], tune)).toEqual([]);
	expect(await frames(videoId)).toEqual([1]);
	expect(await getVideo(db, videoId)).toMatchObject({ keyframeCount: 1, retune: tune });
	expect((await db.candidates.get([videoId, 2]))?.parked?.frameIndex).toBe(2);

	// Back: 2 and 3 return from their parking with their ids; 4 was never extracted.
	expect(await applySelection(db, videoId, [1, 2, 3, 4], null)).toEqual([4]);
	expect(await frames(videoId)).toEqual([1, 2, 3]);
	expect((await keyframesOfVideo(db, videoId))[0].id).toBe(firstId);
	expect((await db.candidates.get([videoId, 2]))?.parked).toBeUndefined();
	expect(await getVideo(db, videoId)).toMatchObject({ keyframeCount: 3, retune: null });

	// Extracted: kept when still chosen, parked when the selection moved on meanwhile.
	await storeExtracted(db, videoId, [keyframeFields(4, 10)], new Set([1, 2, 3, 4]));
	expect(await frames(videoId)).toEqual([1, 2, 3, 4]);
	expect((await getVideo(db, videoId))?.keyframeCount).toBe(4);
	const late = await finishedRun([scored(7), scored(8)], [7]);
	await storeExtracted(db, late, [keyframeFields(8, 10)], new Set([7]));
	expect(await frames(late)).toEqual([7]);
	expect((await db.candidates.get([late, 8]))?.parked?.frameIndex).toBe(8);
});
