import { hammingDistance } from './perceptual-hash';
import type { FrameCandidate } from './types';

export interface SelectOptions {
	maxFrames: number;
	/** A candidate closer than this to a chosen frame is skipped (a gap of exactly this is fine). */
	minGapSec: number;
	/** A candidate whose hash is at most this many bits from a chosen frame's is a near-duplicate. */
	maxHashDistance: number;
}

/**
 * Greedy pick: best score first (ties: earlier time), skipping candidates too close in time or
 * too similar to one already chosen; at most maxFrames; returned in time order.
 */
export function selectKeyframes(
	candidates: FrameCandidate[],
	opts: SelectOptions
): FrameCandidate[] {
	const ranked = candidates
		.filter((c) => c.score > 0)
		.sort((a, b) => b.score - a.score || a.timeSec - b.timeSec);
	const chosen: FrameCandidate[] = [];
	for (const candidate of ranked) {
		if (chosen.length >= opts.maxFrames) break;
		const redundant = chosen.some(
			(c) =>
				Math.abs(c.timeSec - candidate.timeSec) < opts.minGapSec ||
				hammingDistance(c.hash, candidate.hash) <= opts.maxHashDistance
		);
		if (!redundant) chosen.push(candidate);
	}
	return chosen.sort((a, b) => a.timeSec - b.timeSec);
}

/**
 * Default minimum gap: a quarter of the even spacing (duration / maxFrames), so keyframes spread
 * over the video yet can still cluster in its best stretch; at least 0.5 s so neighbouring
 * sampled frames never both win, at most 5 s so long videos keep fine-grained choices.
 */
export function defaultMinGapSec(durationSec: number, maxFrames: number): number {
	if (!(durationSec > 0)) return 0.5;
	const gap = durationSec / (Math.max(1, maxFrames) * 4);
	return Math.min(5, Math.max(0.5, gap));
}
