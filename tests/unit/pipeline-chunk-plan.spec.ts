import { describe, expect, it } from 'vitest';
import { planChunks } from '$lib/pipeline/chunk-plan';

/** Every `rate`-th frame's time from frame `from` of a constant-rate stream. */
const sampled = (frames: number, fps: number, rate: number, from = 0) =>
	Array.from({ length: Math.ceil((frames - from) / rate) }, (_, i) => (from + i * rate) / fps);

describe('planChunks', () => {
	it('hands over every sample once, in order, with its index', () => {
		const times = sampled(1439, 23.976, 5);
		const keyframes = [0, 4.129, 6.465, 8.383, 11.345, 15.39, 17.726, 19.645, 22.606, 26.652];
		const chunks = planChunks(times, 0, { sampleRate: 5, keyframes });
		expect(chunks.flatMap((c) => c.times)).toEqual(times);
		for (const c of chunks) expect(c.firstIndex).toBe(times.indexOf(c.times[0]!) * 5);
	});

	it('cuts at the first key frame at least minSec on, the key frame opening the next chunk', () => {
		const times = sampled(300, 10, 5); // a sample every 0.5 s
		const chunks = planChunks(times, 0, { sampleRate: 5, keyframes: [0, 2, 4.5, 6, 9.2, 20] });
		expect(chunks.map((c) => [c.times[0], c.times.at(-1)])).toEqual([
			[0, 4],
			[4.5, 9],
			[9.5, 19.5],
			[20, 29.5]
		]);
	});

	it('counts indices from the first sample it is given', () => {
		const times = sampled(100, 10, 4, 40);
		const chunks = planChunks(times, 40, { sampleRate: 4, keyframes: [0, 9] });
		expect(chunks.map((c) => c.firstIndex)).toEqual([40, 92]);
		expect(chunks[1]!.times).toEqual([9.2, 9.6]);
	});

	it('is one chunk without key frames ahead, split only where it would list too many times', () => {
		const times = sampled(1000, 25, 1);
		expect(planChunks(times, 0, { sampleRate: 1, keyframes: [0] })).toHaveLength(2);
		const capped = planChunks(times, 0, { sampleRate: 1, keyframes: [0], maxSamples: 300 });
		expect(capped.map((c) => c.times.length)).toEqual([300, 300, 300, 100]);
		expect(capped.map((c) => c.firstIndex)).toEqual([0, 300, 600, 900]);
	});

	it('makes progress when a key frame is the very sample it starts at', () => {
		const chunks = planChunks([0, 1, 2, 3], 0, {
			sampleRate: 1,
			keyframes: [0, 1, 2, 3],
			minSec: 0
		});
		expect(chunks.map((c) => c.times)).toEqual([[0], [1], [2], [3]]);
	});

	it('plans nothing for no samples', () => {
		expect(planChunks([], 0, { sampleRate: 5, keyframes: [0] })).toEqual([]);
	});
});
