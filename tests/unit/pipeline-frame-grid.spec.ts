import { describe, expect, it } from 'vitest';
import { FrameGrid } from '$lib/pipeline/frame-grid';

describe('FrameGrid', () => {
	// Decode order of an IBBP stream at 25 fps: presentation times jump back and forth.
	const decodeOrder = [0, 0.12, 0.04, 0.08, 0.24, 0.16, 0.2];

	it('places each frame in presentation order', () => {
		const grid = new FrameGrid(decodeOrder);
		expect(decodeOrder.map((t) => grid.indexOf(t))).toEqual([0, 3, 1, 2, 6, 4, 5]);
		expect(grid.indexOf(0.1)).toBeUndefined();
	});

	it('finds where a time range starts: the first sampled frame at or after its start', () => {
		const grid = new FrameGrid(decodeOrder);
		// Every 2nd frame: 0, 0.08, 0.16, 0.24.
		expect(grid.firstSampledFrom(0.05, 2)).toEqual({ frameIndex: 2, timeSec: 0.08 });
		expect(grid.firstSampledFrom(0.08, 2)).toEqual({ frameIndex: 2, timeSec: 0.08 });
		expect(grid.firstSampledFrom(0.0800001, 2)).toEqual({ frameIndex: 2, timeSec: 0.08 });
		expect(grid.firstSampledFrom(0.09, 3)).toEqual({ frameIndex: 3, timeSec: 0.12 });
		expect(grid.firstSampledFrom(0.2, 3)).toEqual({ frameIndex: 6, timeSec: 0.24 });
		expect(grid.firstSampledFrom(0.21, 2)).toEqual({ frameIndex: 6, timeSec: 0.24 });
		expect(grid.firstSampledFrom(0.25, 2)).toBeNull();
	});

	it('lists the times of a pass’s samples from a frame on, and the shortest frame gap', () => {
		const grid = new FrameGrid(decodeOrder);
		expect(grid.sampledTimes(0, 2, null)).toEqual([0, 0.08, 0.16, 0.24]);
		expect(grid.sampledTimes(2, 2, 2)).toEqual([0.08, 0.16]);
		expect(grid.sampledTimes(3, 3, 5)).toEqual([0.12, 0.24]);
		expect(grid.sampledTimes(7, 2, null)).toEqual([]);
		expect(grid.shortestGapSec).toBeCloseTo(0.04, 9);
		expect(new FrameGrid([1]).shortestGapSec).toBe(Infinity);
	});

	it('matches a decoded frame whose time was rounded to microseconds', () => {
		const grid = new FrameGrid([0, 1001 / 24000, 2002 / 24000]);
		expect(grid.indexOf(0.041708)).toBe(1);
		expect(grid.indexOf(0.083417)).toBe(2);
	});

	it('says which frames every n-th sampling takes', () => {
		const grid = new FrameGrid(decodeOrder);
		const sampled = decodeOrder.filter((t) => grid.isSampled(t, 3));
		expect(sampled.sort()).toEqual([0, 0.12, 0.24]);
	});
});
