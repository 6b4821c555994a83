// An unfinished run's checkpoint: written in batches, read back for the next run, and gone with
// the video's final state, a retry with other settings or a hard delete.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import {
	resetVideoRun,
	resumableCheckpoint,
	saveCheckpoint,
	type CheckpointFields
} from '$lib/db/checkpoints';
import { createDatabase, V1, VIDEOS_V1, type KffDatabase } from '$lib/db/database';
import { hardDeleteVideos } from '$lib/db/trash';
import {
	addVideosToBatch,
	cancelPendingOfBatch,
	resetOrphanedProcessing,
	saveExtractionResult,
	updateVideo
} from '$lib/db/videos';
import type { ScoredFrame } from '$lib/pipeline/types';
import { useFreshDatabase } from '../support/fresh-database';
import { defaultExtraction, videoRecord } from '../support/records';
import { testBatch, testFiles } from '../support/seed-videos';

let db: KffDatabase;
useFreshDatabase((fresh) => (db = fresh));

const scored = (frameIndex: number): ScoredFrame => ({
	frameIndex,
	timeSec: frameIndex / 25,
	score: 0.8,
	hash: '00ff00ff00ff00ff',
	sharpness: 0.5,
	faces: [{ x: 1, y: 2, width: 30, height: 40, score: 0.9, keypoints: [{ x: 5, y: 6 }] }]
});

const fieldsAt = (videoId: string, frameIndex: number, progress: number): CheckpointFields => ({
	videoId,
	settings: defaultExtraction(),
	decoder: 'webcodecs',
	state: {
		after: { frameIndex, timeSec: frameIndex / 25 },
		gate: { lastTime: frameIndex / 25, lastGrid: new Float32Array([1, 2]), skipped: 1 },
		counts: { sampled: frameIndex / 5 + 1, detected: 3 }
	},
	progress
});

async function videoWithCheckpoint() {
	const [video] = await addVideosToBatch(db, testBatch(), testFiles(1));
	await saveCheckpoint(db, fieldsAt(video.id, 10, 0.2), [scored(0), scored(5)], true);
	await saveCheckpoint(db, fieldsAt(video.id, 20, 0.4), [scored(15)], false);
	return video;
}

const stored = async (videoId: string) => ({
	checkpoints: await db.checkpoints.where('videoId').equals(videoId).count(),
	candidates: await db.candidates.filter((c) => c.videoId === videoId).count()
});

describe('checkpoints', () => {
	it('adds each batch of candidates and keeps the latest position for the next run', async () => {
		const video = await videoWithCheckpoint();
		const resumable = await resumableCheckpoint(db, video.id, video.settings);
		expect(resumable?.checkpoint).toMatchObject(fieldsAt(video.id, 20, 0.4));
		expect(resumable?.candidates).toEqual(
			[0, 5, 15].map((i) => ({ ...scored(i), videoId: video.id }))
		);
	});

	it('a run from frame 0 replaces the candidates of the one before', async () => {
		const video = await videoWithCheckpoint();
		await saveCheckpoint(db, fieldsAt(video.id, 5, 0.1), [scored(5)], true);
		const resumable = await resumableCheckpoint(db, video.id, video.settings);
		expect(resumable?.candidates).toEqual([{ ...scored(5), videoId: video.id }]);
	});

	it('other settings start from frame 0: the checkpoint goes', async () => {
		const video = await videoWithCheckpoint();
		const other = { ...video.settings, sampleRate: video.settings.sampleRate + 1 };
		expect(await resumableCheckpoint(db, video.id, other)).toBeNull();
		expect(await stored(video.id)).toEqual({ checkpoints: 0, candidates: 0 });
	});

	it('writes nothing for a video deleted meanwhile', async () => {
		const video = await videoWithCheckpoint();
		await hardDeleteVideos(db, [video.id]);
		expect(await stored(video.id)).toEqual({ checkpoints: 0, candidates: 0 });
		expect(await saveCheckpoint(db, fieldsAt(video.id, 30, 0.5), [scored(25)], false)).toBe(false);
		expect(await stored(video.id)).toEqual({ checkpoints: 0, candidates: 0 });
	});

	it('goes with completion (its candidates stay), a reset of the run and the cancel of a pending video', async () => {
		const completed = await videoWithCheckpoint();
		await saveExtractionResult(db, completed.id, { video: {}, keyframes: [] });
		expect(await stored(completed.id)).toEqual({ checkpoints: 0, candidates: 3 });
		const failed = await videoWithCheckpoint();
		expect(await resetVideoRun(db, failed.id, { status: 'failed' })).toBe(true);
		const cancelled = await videoWithCheckpoint();
		await cancelPendingOfBatch(db, cancelled.batchId, Date.now());
		for (const video of [failed, cancelled])
			expect(await stored(video.id)).toEqual({ checkpoints: 0, candidates: 0 });
		expect((await db.videos.get(failed.id))?.status).toBe('failed');
		expect((await db.videos.get(cancelled.id))?.status).toBe('cancelled');
	});

	it('start-up puts an orphan back at its checkpoint; one out of attempts fails without it', async () => {
		const resumed = await videoWithCheckpoint();
		const fresh = (await addVideosToBatch(db, testBatch(), testFiles(1)))[0];
		const worn = await videoWithCheckpoint();
		for (const v of [resumed, fresh])
			await updateVideo(db, v.id, { status: 'processing', progress: 0.6, attempts: 1 });
		await updateVideo(db, worn.id, { status: 'processing', progress: 0.6, attempts: 2 });
		expect(await resetOrphanedProcessing(db, 2)).toBe(2);
		expect(await db.videos.get(resumed.id)).toMatchObject({ status: 'pending', progress: 0.4 });
		expect(await db.videos.get(fresh.id)).toMatchObject({ status: 'pending', progress: 0 });
		expect((await db.videos.get(worn.id))?.status).toBe('failed');
		expect(await stored(resumed.id)).toEqual({ checkpoints: 1, candidates: 3 });
		expect(await stored(worn.id)).toEqual({ checkpoints: 0, candidates: 0 });
	});
});

it('version 4 adds the checkpoint tables and keeps a version 3 library as it was', async () => {
	const name = `checkpoint-upgrade-${crypto.randomUUID()}`;
	const old = new Dexie(name);
	old.version(1).stores({ ...V1, videos: VIDEOS_V1.join(', ') });
	old.version(2).stores({ videos: [...VIDEOS_V1, '*nameGrams', '*tagKeys'].join(', ') });
	old.version(3).stores({});
	const video = { ...videoRecord({ id: 'v', name: 'v.mp4' }), status: 'processing' };
	await old.table('videos').add(video);
	old.close();

	const upgraded = createDatabase(name);
	expect(await upgraded.videos.get('v')).toMatchObject({ name: 'v.mp4', status: 'processing' });
	expect(await resumableCheckpoint(upgraded, 'v', video.settings)).toBeNull();
	expect(await saveCheckpoint(upgraded, fieldsAt('v', 10, 0.3), [scored(10)], true)).toBe(true);
	expect(await resetOrphanedProcessing(upgraded, 2)).toBe(1);
	expect(await upgraded.videos.get('v')).toMatchObject({ status: 'pending', progress: 0.3 });
	await upgraded.delete();
});
