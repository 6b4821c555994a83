import { describe, expect, it } from 'vitest';
import {
	defaultMinGapSec,
	QUALITY_FLOOR,
	SAME_SHOT_DISTINCT_BITS,
	selectKeyframes
} from '$lib/pipeline/select';
import type { FrameCandidate } from '$lib/pipeline/types';

/** Distinct hashes: candidate i has bits set in its own nibble only, so any two differ by ≥ 8 bits. */
const hashOf = (i: number) => '0'.repeat(i % 16) + 'f' + '0'.repeat(15 - (i % 16));

const cand = (
	frameIndex: number,
	timeSec: number,
	score: number,
	hash = hashOf(frameIndex)
): FrameCandidate => ({
	frameIndex,
	timeSec,
	score,
	hash
});

const opts = { maxFrames: 10, minGapSec: 1, maxHashDistance: 4 };
const indices = (frames: FrameCandidate[]) => frames.map((f) => f.frameIndex);

describe('selectKeyframes', () => {
	it('returns chosen frames in time order', () => {
		const picked = selectKeyframes([cand(3, 6, 0.5), cand(1, 2, 0.9), cand(2, 4, 0.7)], opts);
		expect(indices(picked)).toEqual([1, 2, 3]);
	});

	it('respects the time gap, keeping the better of close frames', () => {
		const picked = selectKeyframes(
			[cand(0, 10, 0.5), cand(1, 10.5, 0.9), cand(2, 11.4, 0.8), cand(3, 11.5, 0.7)],
			opts
		);
		// 10.5 wins; 10 and 11.4 are within 1 s of it; 11.5 is exactly 1 s away and allowed.
		expect(indices(picked)).toEqual([1, 3]);
	});

	it('drops near-duplicate hashes however far apart in time', () => {
		const picked = selectKeyframes(
			[
				cand(0, 0, 0.9, 'ffff0000ffff0000'),
				cand(1, 30, 0.8, 'ffff0000ffff000f'), // 4 bits away: a duplicate (≤)
				cand(2, 60, 0.7, 'ffff0000ffff001f') // 5 bits away: kept
			],
			opts
		);
		expect(indices(picked)).toEqual([0, 2]);
	});

	it('keeps at most maxFrames, the best ones, by greedy score order', () => {
		const many = Array.from({ length: 12 }, (_, i) => cand(i, i * 2, (i % 5) + 1));
		const picked = selectKeyframes(many, { ...opts, maxFrames: 4 });
		// Scores: 1..5 repeating; the top four are i = 4, 9 (score 5), 3, 8 (score 4).
		expect(indices(picked)).toEqual([3, 4, 8, 9]);
		expect(selectKeyframes(many, { ...opts, maxFrames: 0 })).toEqual([]);
	});

	it('breaks score ties by the earlier time', () => {
		const picked = selectKeyframes([cand(1, 5.5, 0.5), cand(0, 5, 0.5)], opts);
		expect(indices(picked)).toEqual([0]);
	});

	it('a skipped frame does not block others', () => {
		// 1.0 is skipped (too close to 0.5); 1.6 must still be judged against chosen frames only.
		const picked = selectKeyframes([cand(0, 0.5, 0.9), cand(1, 1.0, 0.8), cand(2, 1.6, 0.7)], opts);
		expect(indices(picked)).toEqual([0, 2]);
	});

	it('excludes frames scoring 0 or less', () => {
		const picked = selectKeyframes([cand(0, 0, 0), cand(1, 5, -1), cand(2, 10, 0.1)], opts);
		expect(indices(picked)).toEqual([2]);
		expect(selectKeyframes([], opts)).toEqual([]);
	});

	it('does not mutate its input', () => {
		const input = [cand(1, 4, 0.2), cand(0, 2, 0.9)];
		const copy = input.map((c) => ({ ...c }));
		selectKeyframes(input, opts);
		expect(input).toEqual(copy);
	});
});

describe('selectKeyframes: one pick per shot', () => {
	const inShot = (c: FrameCandidate, shot: number) => ({ ...c, shot });
	/** A hash `bits` bits away from 0000000000000000. */
	const away = (bits: number) =>
		BigInt(2 ** bits - 1)
			.toString(16)
			.padStart(16, '0');

	it('keeps the best frame of a shot and leaves its near-copies, one per shot', () => {
		const picked = selectKeyframes(
			[
				inShot(cand(0, 0, 0.6, away(0)), 0),
				inShot(cand(1, 2, 0.7, away(12)), 0), // the still photo zoomed a little
				inShot(cand(2, 4, 0.5, away(20)), 0),
				inShot(cand(3, 6, 0.4, away(40)), 1) // a cut: the next shot
			],
			opts
		);
		expect(indices(picked)).toEqual([1, 3]);
	});

	it('keeps a second frame of a shot when it is a clearly different picture', () => {
		const distinct = away(SAME_SHOT_DISTINCT_BITS + 1);
		const same = away(SAME_SHOT_DISTINCT_BITS);
		const shot = [inShot(cand(0, 0, 0.9, away(0)), 3), inShot(cand(1, 5, 0.8, distinct), 3)];
		expect(indices(selectKeyframes(shot, opts))).toEqual([0, 1]);
		shot[1] = inShot(cand(1, 5, 0.8, same), 3);
		expect(indices(selectKeyframes(shot, opts))).toEqual([0]);
	});

	it('candidates without a shot (stored before shots were counted) are judged as before', () => {
		const picked = selectKeyframes([cand(0, 0, 0.9, away(0)), cand(1, 5, 0.8, away(20))], opts);
		expect(indices(picked)).toEqual([0, 1]);
	});

	it('never keeps a near-copy from another shot (a shot that comes back, a loop)', () => {
		const picked = selectKeyframes(
			[inShot(cand(0, 0, 0.9, away(0)), 0), inShot(cand(1, 60, 0.9, away(3)), 7)],
			opts
		);
		expect(indices(picked)).toEqual([0]);
	});
});

describe('selectKeyframes: the quality floor', () => {
	it('drops frames below the floor while better ones exist', () => {
		const low = QUALITY_FLOOR * 0.5;
		const picked = selectKeyframes([cand(0, 0, low), cand(1, 5, 0.4), cand(2, 10, low)], opts);
		expect(indices(picked)).toEqual([1]);
	});

	it('keeps low scorers when they are all there is (a video of tiny faces)', () => {
		const picked = selectKeyframes([cand(0, 0, 0.05), cand(1, 5, 0.06)], opts);
		expect(indices(picked)).toEqual([0, 1]);
	});
});

describe('defaultMinGapSec', () => {
	it('is a quarter of the even spacing, clamped to 0.5..5 s', () => {
		expect(defaultMinGapSec(120, 20)).toBe(1.5);
		expect(defaultMinGapSec(10, 20)).toBe(0.5);
		expect(defaultMinGapSec(3600, 20)).toBe(5);
		expect(defaultMinGapSec(Number.NaN, 20)).toBe(0.5);
		expect(defaultMinGapSec(60, 0)).toBe(5);
	});
});
