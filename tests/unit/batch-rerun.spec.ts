import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { keepRerun, rerunVideo, type RerunOutcome } from '$lib/batch/rerun';
import { putCandidates } from '$lib/db/checkpoints';
import { runCandidates } from '$lib/db/curation';
import { getAnnotations } from '$lib/db/annotations';
import type { KffDatabase } from '$lib/db/database';
import { addKeyframe, keyframesOfVideo } from '$lib/db/keyframes';
import { proposalOf, saveProposal } from '$lib/db/rerun-proposals';
import { hardDeleteVideos } from '$lib/db/trash';
import { addVideosToBatch, getVideo, saveExtractionResult } from '$lib/db/videos';
import type { ScoredFrame } from '$lib/pipeline/types';
import type { ExtractListeners, ExtractorClient } from '$lib/workers/extractor-client';
import type { ExtractRequest, SamplingCheckpoint } from '$lib/workers/extractor-protocol';
import { DEFAULT_SETTINGS } from '$lib/settings/extraction-settings';
import { useFreshDatabase } from '../support/fresh-database';
import { batchRecord, completedOutcome, keyframeFields } from '../support/records';
import { seedVideos, testFiles } from '../support/seed-videos';

const candidate = (frameIndex: number): ScoredFrame => ({
	frameIndex,
	timeSec: frameIndex / 10,
	score: 0.5,
	sharpness: 0.5,
	faces: [],
	hash: '0'.repeat(16)
});
const checkpoint: SamplingCheckpoint = {
	decoder: 'webcodecs',
	state: {
		after: { frameIndex: 0, timeSec: 0 },
		gate: { lastTime: 0, lastGrid: null, skipped: 0 },
		counts: { sampled: 1, detected: 1 }
	},
	candidates: [],
	progress: 0.5,
	replace: false
};
const outcome = completedOutcome([keyframeFields(10, 10)]);

let db: KffDatabase;
useFreshDatabase((fresh) => (db = fresh));

it('keeping a re-run replaces the run’s keyframes; hand-added ones and annotations stay', async () => {
	const [video] = await seedVideos(db, 1); // keyframes 0 and 10, a note on 10
	await addKeyframe(db, { ...keyframeFields(5, 10), videoId: video.id, addedByHand: true });
	const settings = { ...DEFAULT_SETTINGS, maxFrames: 2, sampleRate: 1 };
	const kept = await keepRerun(db, video.id, {
		ok: true,
		settings,
		result: {
			video: { message: null },
			keyframes: [10, 20].map((i) => ({ ...keyframeFields(i, 10), score: 0.5 }))
		}
	});
	expect(kept).toBe(true);
	const keyframes = await keyframesOfVideo(db, video.id);
	expect(keyframes.map((k) => [k.frameIndex, k.addedByHand ?? false, k.score])).toEqual([
		[5, true, 1],
		[10, false, 0.5],
		[20, false, 0.5]
	]);
	expect(await getVideo(db, video.id)).toMatchObject({
		keyframeCount: 3,
		status: 'completed',
		settings: { maxFrames: 2, sampleRate: 1 }
	});
	expect((await getAnnotations(db, video.id)).map((a) => [a.frameIndex, a.notes])).toEqual([
		[10, 'n']
	]);
});

it('a re-run’s proposal is stored until kept, and goes with its video', async () => {
	const [a, b] = await seedVideos(db, 2);
	const proposal = {
		ok: true as const,
		settings: { ...DEFAULT_SETTINGS, maxFrames: 1 },
		result: { video: { message: null }, keyframes: [keyframeFields(20, 10)] }
	};
	for (const v of [a, b]) await saveProposal(db, v.id, proposal);
	expect(await proposalOf(db, a.id)).toMatchObject({
		videoId: a.id,
		settings: { maxFrames: 1 },
		result: { keyframes: [{ frameIndex: 20 }] }
	});
	await keepRerun(db, a.id, proposal);
	expect(await proposalOf(db, a.id)).toBeUndefined();
	expect((await keyframesOfVideo(db, a.id)).map((k) => k.frameIndex)).toEqual([20]);
	// People owes the kept keyframes' faces (and drops those of frames gone).
	expect(await db.peopleDue.get(a.id)).toEqual({ videoId: a.id });

	await hardDeleteVideos(db, [b.id]);
	expect(await proposalOf(db, b.id)).toBeUndefined();
});

it("a re-run sends its batch's reference photo and proposes the candidates it returned; keeping it stores them", async () => {
	const reference = [[1, 0, 0]];
	const [video] = await addVideosToBatch(db, batchRecord({ reference }), testFiles(1));
	await saveExtractionResult(db, video.id, { video: {}, keyframes: [keyframeFields(0, 10)] });
	await putCandidates(db, video.id, [candidate(0), candidate(5)], true);
	const settings = { ...DEFAULT_SETTINGS, sampleRate: 1 };
	let asked: ExtractRequest | null = null;
	const extractor = {
		extract: async (request: ExtractRequest, listeners: ExtractListeners) => {
			asked = request;
			listeners.checkpoint({ ...checkpoint, candidates: [candidate(10)] });
			return { ...outcome, candidates: [candidate(10), candidate(20)] };
		}
	} as unknown as ExtractorClient;
	const proposal = await rerunVideo(
		db,
		extractor,
		video.id,
		settings,
		() => {},
		new AbortController().signal
	);
	expect(asked!.reference).toEqual(reference);
	expect(proposal.ok && proposal.result.candidates!.map((c) => c.frameIndex)).toEqual([10, 20]);
	// Until kept, the video's candidates are its last run's.
	expect((await runCandidates(db, video.id)).map((c) => c.frameIndex)).toEqual([0, 5]);
	await keepRerun(db, video.id, proposal as Extract<RerunOutcome, { ok: true }>);
	expect((await runCandidates(db, video.id)).map((c) => c.frameIndex)).toEqual([10, 20]);
});
