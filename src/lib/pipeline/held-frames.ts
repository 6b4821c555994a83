// Which candidates keep their full-size picture during sampling, so extraction needs no second
// decode: the current provisional selection, plus the next best by score (selection is greedy,
// so later candidates can shift it), within a memory budget.
import { selectKeyframes, type SelectOptions } from './select';
import type { FrameCandidate } from './types';

/** Frame indices whose full-size pictures are worth keeping, best reasons first. */
export function framesToHold(
	candidates: readonly FrameCandidate[],
	select: SelectOptions,
	spare: number
): number[] {
	const chosen = selectKeyframes([...candidates], select).map((c) => c.frameIndex);
	const taken = new Set(chosen);
	const runnersUp = [...candidates]
		.filter((c) => c.score > 0 && !taken.has(c.frameIndex))
		.sort((a, b) => b.score - a.score || a.timeSec - b.timeSec)
		.slice(0, spare)
		.map((c) => c.frameIndex);
	return [...chosen, ...runnersUp];
}

/**
 * Runners-up held beside a selection of at most `maxFrames`: a quarter of it. Measured against as
 * many runners-up as `maxFrames`: on every fixture and the 10-minute bench video, the same
 * number of chosen frames were held at the end (all of them, and 8 of 11), while each picture
 * held at once is a fresh buffer to map (0.1 s of the bench video's 5.4, and 14% less memory).
 * A chosen frame not held costs only time: extraction decodes it again.
 */
export function runnersUpToHold(maxFrames: number): number {
	return Math.ceil(maxFrames / 4);
}

/** Fewest new held pictures between two prunings. */
const PRUNE_SLACK = 8;

/**
 * How many held pictures call for the next pruning, `held` being what the last one kept. Soon
 * after it: every picture held at once is a buffer allocated, and fresh ones cost (a 720p frame's
 * first write takes 4–19 ms of page mapping against 0.1–0.3 ms into a reused one). Not per
 * candidate: each pruning re-runs the selection over every candidate, so a pass of n candidates
 * runs it about n / 8 times, not n (still growing as n², which the 10-minute bench keeps in view).
 */
export function nextPruneAt(held: number): number {
	return held + Math.max(PRUNE_SLACK, Math.ceil(held / 4));
}
