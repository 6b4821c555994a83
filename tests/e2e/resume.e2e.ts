// Resume inside a video: a reload part-way through continues the video from its last checkpoint
// (issue #16, point 9), and the keyframes are those of a run that was never interrupted.
import { expect, test, type Page } from '@playwright/test';
import { startBatch, waitForFinal, type BatchOptions } from '../support/app-driver';
import { readStores } from '../support/browser-db';

/**
 * Long enough that the first checkpoints (every 2 s of work, and ffmpeg.wasm's after each chunk
 * of its pass) land part-way with either decoder, with time to reload before the end: on
 * faces_timeline.mp4 ffmpeg.wasm's pass is two chunks, whose checkpoint can come a few tenths of
 * a second before the last.
 */
const VIDEO = { name: 'bench_60s_720p.mp4', durationSec: 60.02 } as const;

interface StoredVideo {
	id: string;
	batchId: string;
	status: string;
	stage: string | null;
	progress: number;
	framesDone: number;
	attempts: number;
	timings: Record<string, number> | null;
}

interface StoredCheckpoint {
	videoId: string;
	progress: number;
	state: { after: { frameIndex: number; timeSec: number }; counts: { sampled: number } };
}

async function stored(page: Page) {
	const rows = await readStores(page, ['videos', 'keyframes', 'checkpoints', 'candidates']);
	return {
		videos: rows.videos as unknown as StoredVideo[],
		keyframes: rows.keyframes as unknown as { videoId: string; frameIndex: number }[],
		checkpoints: rows.checkpoints as unknown as StoredCheckpoint[],
		candidates: rows.candidates as unknown as { videoId: string; frameIndex: number }[]
	};
}

const batchId = (page: Page) => new URL(page.url()).pathname.split('/').pop()!;

async function videoOfBatch(page: Page, id: string) {
	return (await stored(page)).videos.find((v) => v.batchId === id)!;
}

/** The frame indices of one video's rows in a store, in order. */
async function framesOf(page: Page, store: 'keyframes' | 'candidates', videoId: string) {
	return (await stored(page))[store]
		.filter((k) => k.videoId === videoId)
		.map((k) => k.frameIndex)
		.sort((a, b) => a - b);
}

// The two runs share nothing (a context each) and are the suite's longest: side by side, not
// one after the other at the end of the run.
test.describe.configure({ mode: 'parallel' });

// Both decoders checkpoint as they sample: WebCodecs as detections come back, ffmpeg.wasm after
// each chunk its pass is cut into (its exec is synchronous).
for (const decoder of ['auto', 'ffmpeg'] as const) {
	test(`a reload part-way continues from the checkpoint with the same keyframes (decoder ${decoder})`, async ({
		page
	}) => {
		const options: BatchOptions = { maxFrames: 8, decoder };
		const { name: FILE, durationSec } = VIDEO;
		// The reference: the same file and settings, never interrupted.
		await startBatch(page, [FILE], options);
		expect(await waitForFinal(page, FILE)).toBe('completed');
		const reference = await videoOfBatch(page, batchId(page));
		expect(reference.timings?.resumedAt).toBeUndefined();
		const expected = await framesOf(page, 'keyframes', reference.id);
		expect(expected.length).toBeGreaterThan(2);

		// The same file again: the library notices, and it is processed again on purpose.
		await page.goto('/');
		await startBatch(page, [FILE], { ...options, processAgain: true });
		const id = batchId(page);
		const video = await videoOfBatch(page, id);
		// Reload once sampling has stored a checkpoint a few seconds into the video.
		let checkpoint: StoredCheckpoint | undefined;
		await expect
			.poll(
				async () => {
					// Only the checkpoints: reading every keyframe's picture too slows the poll.
					const { checkpoints } = await readStores(page, ['checkpoints']);
					checkpoint = (checkpoints as unknown as StoredCheckpoint[]).find(
						(c) => c.videoId === video.id
					);
					return checkpoint?.state.after.timeSec ?? 0;
				},
				{ intervals: [100], timeout: 120_000 }
			)
			.toBeGreaterThanOrEqual(3);
		await page.reload();
		const at = checkpoint!;
		// Part-way: a good stretch of sampling is left for the resumed run.
		expect(at.state.after.timeSec).toBeLessThan(0.75 * durationSec);

		// After the reload the row never drops back towards 0: neither the bar nor the frames done.
		const seen: StoredVideo[] = [];
		await expect
			.poll(
				async () => {
					const row = await videoOfBatch(page, id);
					seen.push(row);
					return row.status;
				},
				{ intervals: [100], timeout: 240_000 }
			)
			.toBe('completed');
		// The rows of the resumed run: reset to pending by start-up, then its second attempt. (Until
		// start-up has run, the row still shows the interrupted run, whose last progress write may
		// lag its checkpoint.)
		const resumed = seen.filter(
			(r) => r.status === 'pending' || (r.status === 'processing' && r.attempts === 2)
		);
		expect(resumed.length).toBeGreaterThan(0);
		expect(Math.min(...resumed.map((r) => r.progress))).toBeGreaterThanOrEqual(at.progress);
		const sampling = resumed.filter((r) => r.stage === 'sampling');
		expect(sampling.length).toBeGreaterThan(0);
		for (const row of sampling)
			expect(row.framesDone).toBeGreaterThanOrEqual(at.state.counts.sampled);

		const done = seen[seen.length - 1];
		// The run after the reload decoded from the checkpoint on (or a later one), not from 0,
		// and counted as the video's second attempt.
		expect(done.timings?.resumedAt).toBeGreaterThanOrEqual(at.state.after.timeSec);
		expect(done.attempts).toBe(2);
		expect(await framesOf(page, 'keyframes', video.id)).toEqual(expected);
		// Completed videos keep no checkpoint; the candidates kept for re-tuning are those of the
		// run never interrupted: none lost or doubled across the reload.
		expect((await stored(page)).checkpoints).toEqual([]);
		const kept = await framesOf(page, 'candidates', video.id);
		expect(kept.length).toBeGreaterThan(expected.length);
		expect(kept).toEqual(await framesOf(page, 'candidates', reference.id));
	});
}
