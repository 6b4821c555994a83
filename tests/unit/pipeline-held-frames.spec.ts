import { describe, expect, it } from 'vitest';
import { framesToHold, nextPruneAt, runnersUpToHold } from '$lib/pipeline/held-frames';
import type { FrameCandidate } from '$lib/pipeline/types';

const hashOf = (i: number) => '0'.repeat(i % 16) + 'f' + '0'.repeat(15 - (i % 16));
const cand = (frameIndex: number, timeSec: number, score: number): FrameCandidate => ({
	frameIndex,
	timeSec,
	score,
	hash: hashOf(frameIndex)
});
const select = { maxFrames: 2, minGapSec: 1, maxHashDistance: 4 };

describe('framesToHold', () => {
	it('holds the provisional selection first, then the best runners-up', () => {
		const candidates = [cand(0, 0, 0.9), cand(1, 0.5, 0.8), cand(2, 3, 0.7), cand(3, 5, 0.2)];
		// Selected: 0 and 2 (1 is too close to 0); runners-up by score: 1, then 3.
		expect(framesToHold(candidates, select, 1)).toEqual([0, 2, 1]);
		expect(framesToHold(candidates, select, 5)).toEqual([0, 2, 1, 3]);
	});

	it('holds nothing for frames that score zero', () => {
		expect(framesToHold([cand(0, 0, 0)], select, 3)).toEqual([]);
	});
});

describe('nextPruneAt', () => {
	it('prunes again after a few more held pictures, a quarter more once many are kept', () => {
		expect(nextPruneAt(0)).toBe(8);
		expect(nextPruneAt(29)).toBe(37);
		expect(nextPruneAt(40)).toBe(50);
		expect(nextPruneAt(200)).toBe(250);
	});
});

describe('runnersUpToHold', () => {
	it('holds a quarter of the selection as runners-up, at least one', () => {
		expect(runnersUpToHold(20)).toBe(5);
		expect(runnersUpToHold(6)).toBe(2);
		expect(runnersUpToHold(1)).toBe(1);
	});
});
