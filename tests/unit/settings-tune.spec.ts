import { describe, expect, it } from 'vitest';
import { boundedTune, sameTune, TUNE_BOUNDS } from '$lib/settings/tune-settings';
import { sortKeyframes } from '$lib/state/keyframe-order';
import { selectionBasis } from '../support/records';

const run = selectionBasis().tune;

describe('boundedTune', () => {
	it('keeps values within bounds and whole frame counts; a blank field keeps its value', () => {
		const t = boundedTune(
			{ ...run, maxFrames: 2.6, minGapSec: -1, minFacePct: 90, sharpnessWeight: Number.NaN },
			run
		);
		expect(t).toMatchObject({
			maxFrames: 3,
			minGapSec: 0,
			minFacePct: TUNE_BOUNDS.minFacePct.max,
			sharpnessWeight: run.sharpnessWeight
		});
	});

	it('sameTune tells the run’s own settings from tuned ones', () => {
		expect(sameTune(boundedTune({ ...run }, run), run)).toBe(true);
		expect(sameTune({ ...run, onePerShot: false }, run)).toBe(false);
	});
});

describe('sortKeyframes', () => {
	const frames = [
		{ timeSec: 1, score: 0.2 },
		{ timeSec: 2, score: 0.9 },
		{ timeSec: 3, score: 0.9 }
	];
	it('by time as stored, by score best first (ties by time)', () => {
		expect(sortKeyframes(frames, 'time')).toEqual(frames);
		expect(sortKeyframes(frames, 'score').map((f) => f.timeSec)).toEqual([2, 3, 1]);
	});
});
