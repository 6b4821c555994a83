// One video's run against a stand-in extractor: what it writes as progress and as its final state.
import 'fake-indexeddb/auto';
import { expect, it, vi } from 'vitest';
import {
	CANCELLED,
	MAX_ATTEMPTS,
	runVideo,
	STALLED,
	type VideoRunContext
} from '$lib/batch/video-run';
import type { KffDatabase } from '$lib/db/database';
import { addVideosToBatch, getVideo } from '$lib/db/videos';
import { resumableCheckpoint, saveCheckpoint } from '$lib/db/checkpoints';
import { runCandidates } from '$lib/db/curation';
import type { ExtractJob, ExtractListeners, ExtractorClient } from '$lib/workers/extractor-client';
import type {
	ExtractOutcome,
	ExtractProgress,
	SamplingCheckpoint
} from '$lib/workers/extractor-protocol';
import { TaskAbortedError } from '$lib/workers/worker-pool';
import { useFreshDatabase } from '../support/fresh-database';
import { completedOutcome, keyframeFields, selectionBasis } from '../support/records';
import { testBatch, testFiles } from '../support/seed-videos';

let db: KffDatabase;
useFreshDatabase((fresh) => (db = fresh));

const completed = (keyframes = 2) =>
	completedOutcome(
		Array.from({ length: keyframes }, (_, i) => keyframeFields(i * 25, 25, 4)),
		{ width: 640, height: 360 }
	);
const { probe } = completed();

type ExtractFn = (
	onProgress: (p: ExtractProgress) => void,
	job: ExtractJob,
	onCheckpoint: (c: SamplingCheckpoint) => void
) => Promise<ExtractOutcome>;

/** Runs a stored video as its `attempts`-th run (the scheduler counts a run as it launches it). */
async function run(
	extract: ExtractFn,
	fields: Partial<VideoRunContext> = {},
	signal?: AbortSignal,
	attempts = 1,
	before: (videoId: string) => Promise<unknown> = () => Promise.resolve()
) {
	const [stored] = await addVideosToBatch(db, testBatch(), testFiles(1));
	const video = { ...stored, attempts };
	await before(stored.id);
	const extractor = {
		extract: (job: ExtractJob, listeners: ExtractListeners) =>
			extract(listeners.progress, job, listeners.checkpoint)
	} as unknown as ExtractorClient;
	const onAlive = vi.fn();
	const embedFaces = vi.fn();
	const context = { db, extractor, keepOriginals: () => true, onAlive, embedFaces, ...fields };
	await runVideo(context, video, signal ?? new AbortController().signal);
	return { video: (await getVideo(db, video.id))!, onAlive, embedFaces };
}

it('saves the keyframes and the probe; no faces leaves a notice naming the settings', async () => {
	const { video } = await run(() => Promise.resolve(completed()));
	expect(video).toMatchObject({ status: 'completed', keyframeCount: 2, width: 640, error: null });
	const { video: faceless } = await run(() => Promise.resolve(completed(0)));
	expect(faceless).toMatchObject({
		status: 'completed',
		message: { code: 'no-faces', confidence: 0.5, model: 'full' }
	});
});

it('a completed video is put into People afterwards, unless its run embedded its faces', async () => {
	const withFaces = completed();
	withFaces.keyframes[0].faces = [{ x: 0, y: 0, width: 1, height: 1, score: 0.9, keypoints: [] }];
	const { video, embedFaces } = await run(() => Promise.resolve(withFaces));
	expect(embedFaces).toHaveBeenCalledExactlyOnceWith(video.id);
	expect(await db.peopleDue.get(video.id)).toEqual({ videoId: video.id });
	expect(await db.faces.count()).toBe(0);

	const embedding = Array.from({ length: 128 }, (_, i) => (i === 0 ? 1 : 0));
	const { video: referenced, embedFaces: later } = await run(() =>
		Promise.resolve({ ...withFaces, embeddings: [{ frameIndex: 0, faceIndex: 0, embedding }] })
	);
	expect(later).not.toHaveBeenCalled();
	expect(await db.peopleDue.get(referenced.id)).toBeUndefined();
	expect(await db.faces.where('videoId').equals(referenced.id).count()).toBe(1);

	// No face on any keyframe: nothing for People to do.
	const { video: faceless, embedFaces: none } = await run(() => Promise.resolve(completed(0)));
	expect(none).not.toHaveBeenCalled();
	expect(await db.peopleDue.get(faceless.id)).toBeUndefined();
});

it('writes the probe at once, then progress at most every 250 ms and never backwards', async () => {
	const { video, onAlive } = await run(
		async (onProgress) => {
			const at = (progress: number, withProbe = false) =>
				onProgress({
					stage: 'sampling',
					progress,
					framesDone: 0,
					framesTotal: 10,
					...(withProbe ? { probe } : {})
				});
			at(0.1, true);
			at(0.5); // within 250 ms of the probe: not written
			await new Promise((resolve) => setTimeout(resolve, 300));
			at(0.3);
			await new Promise((resolve) => setTimeout(resolve, 300));
			at(0.2); // behind what is shown: the bar holds
			throw new Error('boom');
		},
		{},
		undefined,
		MAX_ATTEMPTS
	);
	expect(onAlive).toHaveBeenCalledTimes(4);
	expect(video).toMatchObject({ status: 'failed', progress: 0.3, width: 640, durationSec: 2 });
	expect(video.error).toEqual({ code: 'stopped-unexpectedly' });
	expect(video.errorDetails).toBe('Error: boom');
});

it('a first crash or stall puts the video back in the queue; the last one fails it', async () => {
	const controller = new AbortController();
	controller.abort(STALLED);
	const { video: stalled } = await run(
		() => Promise.reject(new TaskAbortedError()),
		{},
		controller.signal,
		1
	);
	expect(stalled).toMatchObject({ status: 'pending', progress: 0, error: null });
	const { video: crashed } = await run(
		() => Promise.reject(new Error('worker died')),
		{},
		undefined,
		1
	);
	expect(crashed).toMatchObject({ status: 'pending', errorDetails: 'Error: worker died' });
	const { video: again } = await run(
		() => Promise.reject(new Error('worker died')),
		{},
		undefined,
		MAX_ATTEMPTS
	);
	expect(again).toMatchObject({ status: 'failed', error: { code: 'stopped-unexpectedly' } });
});

it("a failed outcome keeps the worker's notice and log", async () => {
	const { video } = await run(() =>
		Promise.resolve({ ok: false, notice: { code: 'file-incomplete' }, details: 'moov' })
	);
	expect(video).toMatchObject({
		status: 'failed',
		error: { code: 'file-incomplete' },
		errorDetails: 'moov'
	});
});

it('an abort is a cancel or a stall, by the reason the signal carries', async () => {
	for (const [reason, expected] of [
		[CANCELLED, { status: 'cancelled', error: null }],
		[STALLED, { status: 'failed', error: { code: 'stalled', seconds: 120 } }]
	] as const) {
		const controller = new AbortController();
		controller.abort(reason);
		const { video } = await run(
			() => Promise.reject(new TaskAbortedError()),
			{},
			controller.signal,
			MAX_ATTEMPTS
		);
		expect(video).toMatchObject(expected);
	}
});

it('without its original file the video fails at once; keepOriginals false frees the file', async () => {
	const [video] = await addVideosToBatch(db, testBatch(), testFiles(1));
	await db.videoBlobs.delete(video.id);
	const extract = vi.fn();
	const extractor = { extract } as unknown as ExtractorClient;
	const embedFaces = vi.fn();
	const context = { db, extractor, keepOriginals: () => true, onAlive: () => {}, embedFaces };
	await runVideo(context, video, new AbortController().signal);
	expect(extract).not.toHaveBeenCalled();
	expect(embedFaces).not.toHaveBeenCalled();
	expect((await getVideo(db, video.id))?.error).toEqual({ code: 'original-missing' });

	const { video: freed } = await run(() => Promise.resolve(completed()), {
		keepOriginals: () => false
	});
	expect(freed).toMatchObject({ status: 'completed', hasOriginal: false });
	expect(await db.videoBlobs.get(freed.id)).toBeUndefined();
});

const scored = (frameIndex: number) => ({
	frameIndex,
	timeSec: frameIndex / 25,
	score: 0.7,
	hash: '0000ffff0000ffff',
	sharpness: 0.4,
	faces: []
});
const state = (frameIndex: number) => ({
	after: { frameIndex, timeSec: frameIndex / 25 },
	gate: { lastTime: frameIndex / 25, lastGrid: null, skipped: 0 },
	counts: { sampled: frameIndex / 5 + 1, detected: 2 }
});
const checkpointAt = (frameIndex: number, progress: number): SamplingCheckpoint => ({
	decoder: 'webcodecs',
	state: state(frameIndex),
	candidates: [scored(frameIndex)],
	progress,
	replace: false
});
/** A checkpoint an interrupted run of the video left, with the video's own settings. */
const interrupted = (videoId: string) =>
	getVideo(db, videoId).then((v) =>
		saveCheckpoint(
			db,
			{ videoId, settings: v!.settings, decoder: 'webcodecs', state: state(10), progress: 0.3 },
			[scored(5), scored(10)],
			true
		)
	);

it('stores the checkpoints a run reports; completing the video removes them, keeps its candidates', async () => {
	let stored: unknown = 'not read';
	const { video } = await run(async (_onProgress, job, onCheckpoint) => {
		expect(job.resume).toBeNull();
		onCheckpoint(checkpointAt(5, 0.1));
		onCheckpoint(checkpointAt(10, 0.2));
		await new Promise((resolve) => setTimeout(resolve, 50));
		stored = await resumableCheckpoint(
			db,
			(await db.videos.toCollection().first())!.id,
			job.settings
		);
		// The run returns them too, as its selection ranked them.
		return { ...completed(), candidates: [scored(5), scored(10)] };
	});
	expect(stored).toMatchObject({
		checkpoint: { state: state(10), progress: 0.2, decoder: 'webcodecs' },
		candidates: [scored(5), scored(10)]
	});
	expect(video.status).toBe('completed');
	expect(await db.checkpoints.count()).toBe(0);
	// Kept for tuning the selection again on the review page, with what it was made from.
	expect(await db.candidates.count()).toBe(2);
	expect(video.selection).toEqual(selectionBasis(4));
	expect(video.retune).toBeNull();
});

it('the candidates a run returns (as its selection ranked them) replace those its checkpoints stored', async () => {
	// A reference run's: only its person's frames, scored on that person.
	const ofPerson = { ...scored(10), subject: 1 };
	const { video } = await run(async (_onProgress, _job, onCheckpoint) => {
		onCheckpoint(checkpointAt(5, 0.1));
		onCheckpoint(checkpointAt(10, 0.2));
		await new Promise((resolve) => setTimeout(resolve, 50));
		return { ...completed(), candidates: [ofPerson] };
	});
	expect(video.status).toBe('completed');
	expect(await runCandidates(db, video.id)).toEqual([{ ...ofPerson, videoId: video.id }]);
});

it('continues from the checkpoint of an interrupted run; the bar starts at its share', async () => {
	const { video } = await run(
		(onProgress, job) => {
			expect(job.resume).toMatchObject({
				decoder: 'webcodecs',
				state: state(10),
				candidates: [scored(5), scored(10)]
			});
			onProgress({ stage: 'probing', progress: 0, framesDone: 0, framesTotal: 0, probe });
			throw new Error('worker died');
		},
		{},
		undefined,
		1,
		interrupted
	);
	// Back in the queue at the checkpoint: its bar does not drop to 0, the checkpoint stays.
	expect(video).toMatchObject({ status: 'pending', progress: 0.3 });
	expect(await db.checkpoints.count()).toBe(1);
});

it('a cancel or a final failure removes the checkpoint', async () => {
	const controller = new AbortController();
	controller.abort(CANCELLED);
	const cancel = () => Promise.reject(new TaskAbortedError());
	const { video } = await run(cancel, {}, controller.signal, 1, interrupted);
	expect(video.status).toBe('cancelled');
	const crash = () => Promise.reject(new Error('worker died'));
	const { video: failed } = await run(crash, {}, undefined, MAX_ATTEMPTS, interrupted);
	expect(failed.status).toBe('failed');
	expect(await db.checkpoints.count()).toBe(0);
	expect(await db.candidates.count()).toBe(0);
});
