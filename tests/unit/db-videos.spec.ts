import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
	batchCounts,
	finishBatchIfIdle,
	getBatch,
	listRecentBatches,
	setBatchState
} from '$lib/db/batches';
import type { KffDatabase } from '$lib/db/database';
import { useFreshDatabase } from '../support/fresh-database';
import { keyframeCount, keyframesOfVideo } from '$lib/db/keyframes';
import { softDeleteVideos } from '$lib/db/trash';
import type { BatchRecord, KeyframeRecord } from '$lib/db/types';
import { batchRecord, defaultExtraction } from '../support/records';
import {
	addVideosToBatch,
	anyVideoProcessing,
	getVideo,
	getVideoFile,
	nextPendingVideo,
	recentDecoderUse,
	removeOriginal,
	resetOrphanedProcessing,
	saveExtractionResult,
	setVideoTags,
	updateVideo,
	videosOfBatch,
	type IncomingVideo
} from '$lib/db/videos';

function newBatch(createdAt = 1_000): BatchRecord {
	return batchRecord({ createdAt });
}

function incoming(...names: string[]): IncomingVideo[] {
	return names.map((name) => ({
		file: new Blob([name], { type: 'video/mp4' }),
		name,
		size: name.length,
		type: 'video/mp4',
		contentKey: null
	}));
}

function keyframe(frameIndex: number): Omit<KeyframeRecord, 'id' | 'videoId'> {
	return {
		frameIndex,
		timeSec: frameIndex / 30,
		score: 0.9,
		sharpness: 120,
		faces: [{ x: 1, y: 2, width: 30, height: 40, score: 0.9, keypoints: [{ x: 5, y: 6 }] }],
		width: 640,
		height: 360,
		image: new Blob(['jpeg']),
		thumb: new Blob(['thumb'])
	};
}

let db: KffDatabase;
useFreshDatabase((fresh) => (db = fresh));

describe('addVideosToBatch', () => {
	it('stores the batch, pending videos in order and their files', async () => {
		const batch = newBatch();
		const videos = await addVideosToBatch(db, batch, incoming('a.mp4', 'b.mp4', 'c.mp4'));

		expect(await getBatch(db, batch.id)).toEqual(batch);
		const stored = await videosOfBatch(db, batch.id);
		expect(stored.map((v) => [v.name, v.batchPosition, v.status])).toEqual([
			['a.mp4', 0, 'pending'],
			['b.mp4', 1, 'pending'],
			['c.mp4', 2, 'pending']
		]);
		expect(stored[0]).toMatchObject({
			settings: defaultExtraction(),
			hasOriginal: true,
			deletedAt: 0,
			stage: null
		});
		const file = await getVideoFile(db, videos[1].id);
		expect(await file?.text()).toBe('b.mp4');
	});

	it('rolls everything back when one file cannot be stored', async () => {
		const files = incoming('a.mp4', 'b.mp4');
		files[1].file = (() => 0) as unknown as Blob; // not cloneable: the blob write fails
		await expect(addVideosToBatch(db, newBatch(), files)).rejects.toThrow();
		expect(await db.batches.count()).toBe(0);
		expect(await db.videos.count()).toBe(0);
		expect(await db.videoBlobs.count()).toBe(0);
	});

	it('rolls back when the batch already exists', async () => {
		const batch = newBatch();
		await addVideosToBatch(db, batch, incoming('a.mp4'));
		await expect(addVideosToBatch(db, batch, incoming('b.mp4'))).rejects.toThrow();
		expect(await db.videos.count()).toBe(1);
		expect(await db.videoBlobs.count()).toBe(1);
	});
});

describe('saveExtractionResult', () => {
	it('replaces keyframes instead of duplicating them and completes the video', async () => {
		const [video] = await addVideosToBatch(db, newBatch(), incoming('a.mp4'));
		const result = {
			video: { durationSec: 12 },
			keyframes: [keyframe(30), keyframe(0), keyframe(15)]
		};

		expect(await saveExtractionResult(db, video.id, result)).toBe(true);
		expect(await saveExtractionResult(db, video.id, result)).toBe(true);
		const frames = await keyframesOfVideo(db, video.id);
		expect(frames.map((k) => k.frameIndex)).toEqual([0, 15, 30]);
		expect(frames.every((k) => k.videoId === video.id)).toBe(true);
		expect(await getVideo(db, video.id)).toMatchObject({
			status: 'completed',
			progress: 1,
			keyframeCount: 3,
			durationSec: 12
		});

		await saveExtractionResult(db, video.id, { video: {}, keyframes: [keyframe(7)] });
		expect(await keyframeCount(db, video.id)).toBe(1);
		expect(await db.keyframes.count()).toBe(1);
	});

	it('writes nothing for a video that no longer exists', async () => {
		expect(await saveExtractionResult(db, 'gone', { video: {}, keyframes: [keyframe(1)] })).toBe(
			false
		);
		expect(await db.keyframes.count()).toBe(0);
	});
});

describe('setVideoTags', () => {
	it('replaces the tags, cleaned and without repeats, and the *tags index finds them', async () => {
		const [video] = await addVideosToBatch(db, newBatch(), incoming('a.mp4'));
		expect(await setVideoTags(db, video.id, [' beach ', 'beach', '', '主角'])).toEqual([
			'beach',
			'主角'
		]);
		expect((await getVideo(db, video.id))?.tags).toEqual(['beach', '主角']);
		expect(await db.videos.where('tags').equals('主角').primaryKeys()).toEqual([video.id]);
		expect(await setVideoTags(db, video.id, [])).toEqual([]);
		expect((await getVideo(db, video.id))?.tags).toEqual([]);
	});

	it('is null for a video that no longer exists', async () => {
		expect(await setVideoTags(db, 'gone', ['x'])).toBeNull();
	});
});

describe('queue helpers', () => {
	it('resetOrphanedProcessing puts processing videos back to pending', async () => {
		const [a, b, c] = await addVideosToBatch(db, newBatch(), incoming('a', 'b', 'c'));
		for (const v of [a, b]) {
			await updateVideo(db, v.id, {
				status: 'processing',
				progress: 0.5,
				stage: 'sampling',
				attempts: 1
			});
		}
		await updateVideo(db, c.id, { status: 'completed' });

		expect(await resetOrphanedProcessing(db, 2)).toBe(2);
		expect(await getVideo(db, a.id)).toMatchObject({ status: 'pending', progress: 0, stage: null });
		expect((await getVideo(db, c.id))?.status).toBe('completed');
		expect(await resetOrphanedProcessing(db, 2)).toBe(0);
	});

	it('resetOrphanedProcessing fails a video the tab died in twice instead of resuming it', async () => {
		const [twice, once] = await addVideosToBatch(db, newBatch(), incoming('twice', 'once'));
		await updateVideo(db, twice.id, { status: 'processing', attempts: 2 });
		await updateVideo(db, once.id, { status: 'processing', attempts: 1 });

		expect(await resetOrphanedProcessing(db, 2)).toBe(1);
		expect(await getVideo(db, twice.id)).toMatchObject({
			status: 'failed',
			error: { code: 'interrupted-repeatedly', attempts: 2 },
			attempts: 2
		});
		expect((await getVideo(db, once.id))?.status).toBe('pending');
	});

	it('nextPendingVideo takes the lowest position, skipping finished and trashed videos', async () => {
		const batch = newBatch();
		const [a, b, c, d] = await addVideosToBatch(db, batch, incoming('a', 'b', 'c', 'd'));
		await addVideosToBatch(db, newBatch(), incoming('other'));
		await updateVideo(db, a.id, { status: 'completed' });
		await softDeleteVideos(db, [b.id], 5_000);

		expect((await nextPendingVideo(db, batch.id))?.id).toBe(c.id);
		await updateVideo(db, c.id, { status: 'processing' });
		expect((await nextPendingVideo(db, batch.id))?.id).toBe(d.id);
		await updateVideo(db, d.id, { status: 'failed' });
		expect(await nextPendingVideo(db, batch.id)).toBeUndefined();
	});

	it('batchCounts derives counts from the videos, trash excluded', async () => {
		const batch = newBatch();
		const [a, b, , , e] = await addVideosToBatch(db, batch, incoming('a', 'b', 'c', 'd', 'e'));
		await addVideosToBatch(db, newBatch(), incoming('other'));
		await updateVideo(db, a.id, { status: 'completed' });
		await updateVideo(db, b.id, { status: 'failed' });
		await softDeleteVideos(db, [e.id], 5_000);

		expect(await batchCounts(db, batch.id)).toEqual({
			total: 4,
			pending: 2,
			processing: 0,
			completed: 1,
			failed: 1,
			cancelled: 0
		});
	});

	it('removeOriginal deletes the file and keeps the row', async () => {
		const [video] = await addVideosToBatch(db, newBatch(), incoming('a'));
		await removeOriginal(db, video.id);
		expect(await getVideoFile(db, video.id)).toBeUndefined();
		expect((await getVideo(db, video.id))?.hasOriginal).toBe(false);
	});
});

describe('batches', () => {
	it('lists newest first and stamps start and completion', async () => {
		const older = newBatch(1_000);
		const newer = newBatch(2_000);
		await addVideosToBatch(db, older, []);
		await addVideosToBatch(db, newer, []);
		expect((await listRecentBatches(db, 1)).map((b) => b.id)).toEqual([newer.id]);

		await setBatchState(db, older.id, 'running', 10);
		await setBatchState(db, older.id, 'running', 20);
		await setBatchState(db, older.id, 'running', 30);
		expect(await getBatch(db, older.id)).toMatchObject({ startedAt: 10, completedAt: null });
		await setBatchState(db, older.id, 'done', 40);
		expect(await getBatch(db, older.id)).toMatchObject({ state: 'done', completedAt: 40 });
		expect(await setBatchState(db, 'missing', 'done')).toBe(false);
	});

	it('finishBatchIfIdle marks a running batch done only when nothing is pending or processing', async () => {
		const batch = newBatch();
		const [a, b] = await addVideosToBatch(db, batch, incoming('a.mp4', 'b.mp4'));
		await updateVideo(db, a.id, { status: 'completed' });
		expect(await finishBatchIfIdle(db, batch.id, 50)).toBe(false);
		expect((await getBatch(db, batch.id))?.state).toBe('running');

		await updateVideo(db, b.id, { status: 'failed' });
		expect(await finishBatchIfIdle(db, batch.id, 60)).toBe(true);
		expect(await getBatch(db, batch.id)).toMatchObject({ state: 'done', completedAt: 60 });

		// A cancelled batch stays cancelled.
		await setBatchState(db, batch.id, 'cancelled', 70);
		expect(await finishBatchIfIdle(db, batch.id, 80)).toBe(false);
		expect((await getBatch(db, batch.id))?.state).toBe('cancelled');
	});
});

describe('recentDecoderUse', () => {
	it('lists processed videos outside the Trash, newest batch first, with their decoder', async () => {
		const [old] = await addVideosToBatch(db, newBatch(1_000), incoming('old.mp4'));
		const [fresh, trashed, pending] = await addVideosToBatch(
			db,
			newBatch(2_000),
			incoming('fresh.webm', 'trashed.mp4', 'pending.mp4')
		);
		await updateVideo(db, old.id, { decoder: 'ffmpeg.wasm', decoderNote: 'forced' });
		await updateVideo(db, fresh.id, { decoder: 'webcodecs' });
		await updateVideo(db, trashed.id, { decoder: 'webcodecs' });
		await softDeleteVideos(db, [trashed.id], 5_000);

		const rows = await recentDecoderUse(db);
		expect(rows.map((r) => [r.name, r.decoder, r.decoderNote])).toEqual([
			['fresh.webm', 'webcodecs', null],
			['old.mp4', 'ffmpeg.wasm', 'forced']
		]);
		expect(rows.some((r) => r.id === pending.id)).toBe(false);
		expect(await recentDecoderUse(db, 1)).toHaveLength(1);
	});
});

describe('anyVideoProcessing (when the service worker may fetch the vendor files)', () => {
	it('is true only while some video is processing', async () => {
		expect(await anyVideoProcessing(db)).toBe(false);
		const [a, b] = await addVideosToBatch(db, newBatch(), incoming('a.mp4', 'b.mp4'));
		expect(await anyVideoProcessing(db)).toBe(false);
		await updateVideo(db, a.id, { status: 'processing' });
		expect(await anyVideoProcessing(db)).toBe(true);
		await updateVideo(db, a.id, { status: 'completed' });
		await updateVideo(db, b.id, { status: 'failed' });
		expect(await anyVideoProcessing(db)).toBe(false);
	});
});
