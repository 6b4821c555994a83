import { describe, expect, it } from 'vitest';
import { frameAtTime, frameSeekTime, frameStart, steppedFrame } from '$lib/pipeline/frame-step';

describe('frame stepping', () => {
	it('the frame a player shows is the last one started, float error absorbed', () => {
		expect(frameAtTime(0, 25)).toBe(0);
		expect(frameAtTime(0.039, 25)).toBe(0);
		expect(frameAtTime(0.04, 25)).toBe(1);
		// 3 / 29.97 in floats times 29.97 is 2.9999999999999996.
		expect(frameAtTime(3 / 29.97, 29.97)).toBe(3);
		expect(frameAtTime(-1, 25)).toBe(0);
	});

	it('seeks a quarter frame in, which shows the same frame and maps back to it', () => {
		for (const fps of [23.976, 25, 29.97, 30, 60]) {
			for (const i of [0, 1, 7, 250, 1799]) {
				const t = frameSeekTime(i, fps);
				expect(frameAtTime(t, fps)).toBe(i);
				// Both decoders' windows: after the start, before half a frame past it.
				expect(t).toBeGreaterThan(frameStart(i, fps));
				expect(t).toBeLessThan(frameStart(i, fps) + 0.5 / fps);
			}
		}
	});

	it('steps within the video', () => {
		expect(steppedFrame(10, 1, 100)).toBe(11);
		expect(steppedFrame(0, -1, 100)).toBe(0);
		expect(steppedFrame(99, 1, 100)).toBe(99);
		expect(steppedFrame(5, -10, 100)).toBe(0);
	});
});
