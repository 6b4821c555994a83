import { describe, expect, it } from 'vitest';
import { ChunkedPass, type SampleChunk } from '$lib/pipeline/sampling-chunks';
import type { SamplePosition } from '$lib/pipeline/sampling-ledger';

interface Video {
	/** Presentation times of every frame, ascending. */
	times: number[];
	keyframes: number[];
	fps: number;
}

function cfr(frames: number, fps: number, gop: number): Video {
	const times = Array.from({ length: frames }, (_, i) => i / fps);
	return { times, keyframes: times.filter((_, i) => i % gop === 0), fps };
}

/**
 * What ffmpeg announces for a chunk: it seeks to half a frame before `from`, keeps the frames
 * from there on (select gte(t)), every n-th of them, at most `samples`. `lateBy` frames are lost
 * after the seek (a seek landing past its frame).
 */
function decode(video: Video, { from, samples }: SampleChunk, sampleRate: number, lateBy = 0) {
	const start = from ? video.times.findIndex((t) => t >= from.timeSec - 0.5 / video.fps) : 0;
	const kept = video.times.slice(from ? start + lateBy : 0);
	const sampled = kept.filter((_, n) => n % sampleRate === 0);
	return samples === null ? sampled : sampled.slice(0, samples);
}

/** Runs a whole pass chunk by chunk; returns what was handed over and the chunks decoded. */
function run(
	video: Video,
	sampleRate: number,
	from: SamplePosition | null = null,
	lateOnChunk = -1,
	minSec?: number
) {
	const pass = new ChunkedPass(
		{ sampleRate, fps: video.fps, keyframes: video.keyframes, minSec },
		from
	);
	const handed: SamplePosition[] = [];
	const chunks: SampleChunk[] = [];
	do {
		const late = chunks.length === lateOnChunk ? 1 : 0;
		chunks.push(pass.chunk);
		decode(video, pass.chunk, sampleRate, late).forEach((t, k) => {
			const position = pass.place(k, t);
			if (position) handed.push(position);
		});
	} while (pass.advance());
	return { handed, chunks, startedOver: pass.startedOver };
}

/** One uninterrupted pass: every n-th frame from `first`. */
function onePass(video: Video, sampleRate: number, first = 0): SamplePosition[] {
	return video.times
		.map((timeSec, frameIndex) => ({ frameIndex, timeSec }))
		.filter((p) => p.frameIndex % sampleRate === 0 && p.frameIndex >= first);
}

describe('ChunkedPass', () => {
	it('hands over every n-th frame once, with the indices and times of one pass', () => {
		for (const sampleRate of [1, 2, 5, 7, 30]) {
			for (const gop of [1, 12, 48, 250]) {
				const video = cfr(1439, 23.976, gop);
				const { handed, chunks } = run(video, sampleRate);
				expect(handed, `rate ${sampleRate}, gop ${gop}`).toEqual(onePass(video, sampleRate));
				if (gop <= 48) expect(chunks.length).toBeGreaterThan(5);
			}
		}
	});

	it('cuts at the first sample at or after a key frame at least minSec on', () => {
		const video = cfr(500, 25, 50); // a key frame every 2 s
		const { chunks } = run(video, 5);
		expect(chunks.map((c) => c.from?.frameIndex ?? 0)).toEqual([0, 100, 200, 300, 400]);
		expect(chunks.map((c) => c.samples)).toEqual([21, 21, 21, 21, null]);
	});

	it('is one chunk without key frames past the start', () => {
		const video = { ...cfr(300, 30, 300) };
		const { handed, chunks } = run(video, 5);
		expect(chunks).toEqual([{ from: null, samples: null }]);
		expect(handed).toEqual(onePass(video, 5));
	});

	it('keeps the grid when frame times are irregular (the cut only costs time)', () => {
		let t = 0;
		const times = Array.from({ length: 900 }, (_, i) => (t += i % 7 === 0 ? 0.06 : 0.03));
		const video = { times, keyframes: times.filter((_, i) => i % 40 === 0), fps: 30 };
		for (const sampleRate of [1, 3, 5]) {
			const { handed, chunks } = run(video, sampleRate);
			expect(handed).toEqual(onePass(video, sampleRate));
			expect(chunks.length).toBeGreaterThan(3);
		}
	});

	it('continues a resumed pass from its sample, handing that sample over again', () => {
		const video = cfr(1000, 25, 50);
		const from = { frameIndex: 235, timeSec: 235 / 25 };
		const { handed, chunks, startedOver } = run(video, 5, from);
		expect(handed).toEqual(onePass(video, 5, 235));
		expect(chunks[0].from).toEqual(from);
		expect(startedOver).toBe(false);
	});

	it('after a seek that misses its sample, decodes from the start and skips what was handed', () => {
		const video = cfr(600, 25, 50);
		const { handed, chunks, startedOver } = run(video, 5, null, 2);
		expect(handed).toEqual(onePass(video, 5));
		expect(chunks.at(-1)).toEqual({ from: null, samples: null });
		expect(startedOver).toBe(true);
		// A resumed pass whose first seek misses starts over the same way.
		const from = { frameIndex: 300, timeSec: 12 };
		expect(run(video, 5, from, 0)).toMatchObject({
			handed: onePass(video, 5, 300),
			startedOver: true
		});
	});

	it('takes longer chunks when asked', () => {
		const video = cfr(1500, 25, 50);
		expect(run(video, 5, null, -1, 10).chunks.length).toBe(6);
		expect(run(video, 5, null, -1, 10).handed).toEqual(onePass(video, 5));
	});
});
