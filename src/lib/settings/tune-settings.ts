// Bounds of the review page's selection tuning (see pipeline/curate.ts), and their checks.
import type { Tune } from '$lib/pipeline/curate';
import { SETTING_BOUNDS } from './extraction-settings';

export const TUNE_BOUNDS = {
	maxFrames: SETTING_BOUNDS.maxFrames,
	minGapSec: { min: 0, max: 60, step: 0.1 },
	minFacePct: { min: 0, max: 50, step: 1 },
	sharpnessWeight: { min: 0, max: 1, step: 0.1 }
} as const;

type NumericTune = keyof typeof TUNE_BOUNDS;

function clamp(key: NumericTune, value: number, fallback: number): number {
	const { min, max } = TUNE_BOUNDS[key];
	if (!Number.isFinite(value)) return fallback;
	const v = Math.min(max, Math.max(min, value));
	return key === 'maxFrames' ? Math.round(v) : v;
}

/** `next` within bounds; a field that is not a number keeps its value in `current`. */
export function boundedTune(next: Tune, current: Tune): Tune {
	return {
		maxFrames: clamp('maxFrames', next.maxFrames, current.maxFrames),
		minGapSec: clamp('minGapSec', next.minGapSec, current.minGapSec),
		minFacePct: clamp('minFacePct', next.minFacePct, current.minFacePct),
		largestFaceOnly: next.largestFaceOnly,
		onePerShot: next.onePerShot,
		sharpnessWeight: clamp('sharpnessWeight', next.sharpnessWeight, current.sharpnessWeight)
	};
}

export function sameTune(a: Tune, b: Tune): boolean {
	return (
		a.maxFrames === b.maxFrames &&
		a.minGapSec === b.minGapSec &&
		a.minFacePct === b.minFacePct &&
		a.largestFaceOnly === b.largestFaceOnly &&
		a.onePerShot === b.onePerShot &&
		a.sharpnessWeight === b.sharpnessWeight
	);
}
