import { hammingDistance } from './perceptual-hash';
import type { FrameCandidate } from './types';

export interface SelectOptions {
	maxFrames: number;
	/** A candidate closer than this to a chosen frame is skipped (a gap of exactly this is fine). */
	minGapSec: number;
	/** A candidate whose hash is at most this many bits from a chosen frame's is a near-duplicate. */
	maxHashDistance: number;
	/** At most one keyframe per shot unless clearly different (the default); false: no limit. */
	onePerShot?: boolean;
}

/**
 * A second keyframe of one shot must differ from the one chosen by more than this many bits (of
 * 64), as much as two unrelated pictures do (half the bits): another scene within the shot, not
 * the same one zoomed or moved. Measured: frames of one shot differ by at most 28–30 bits in
 * megamind.avi (two people talking) and faces_timeline.mp4's slowly zoomed photo.
 */
export const SAME_SHOT_DISTINCT_BITS = 32;

/**
 * Candidates scoring below this are not kept while any candidate reaches it. Real faces in the
 * fixtures score at least 0.18 (faces_timeline.mp4's distant sports photo; megamind.avi 0.24,
 * people_two.mp4 0.29; the same at confidence 0.3), while the junk users found kept (a blurred
 * crowd, hands, hair; issue #18) scored 0.04–0.07. A video of only tiny faces (a 30 px face at
 * confidence 0.7 in a 768×576 street scene scores ~0.1 at best) keeps them: nothing better exists.
 */
export const QUALITY_FLOOR = 0.1;

/** Candidates worth choosing: those at or above the floor, or all of them when none is. */
function aboveFloor<C extends FrameCandidate>(candidates: readonly C[]): C[] {
	const scored = candidates.filter((c) => c.score > 0);
	const good = scored.filter((c) => c.score >= QUALITY_FLOOR);
	return good.length > 0 ? good : scored;
}

function redundant(chosen: FrameCandidate, c: FrameCandidate, opts: SelectOptions): boolean {
	if (Math.abs(chosen.timeSec - c.timeSec) < opts.minGapSec) return true;
	const bits = hammingDistance(chosen.hash, c.hash);
	if (bits <= opts.maxHashDistance) return true;
	const sameShot = chosen.shot !== undefined && chosen.shot === c.shot;
	return (opts.onePerShot ?? true) && sameShot && bits <= SAME_SHOT_DISTINCT_BITS;
}

/**
 * Greedy pick: best score first (ties: earlier time), skipping candidates too close in time or
 * too similar to one already chosen (anywhere: a shot that comes back, a loop), and a second
 * one of a shot unless clearly different; low scorers only when nothing better exists; at most
 * maxFrames; returned in time order.
 */
export function selectKeyframes<C extends FrameCandidate>(
	candidates: readonly C[],
	opts: SelectOptions
): C[] {
	const ranked = aboveFloor(candidates).sort((a, b) => b.score - a.score || a.timeSec - b.timeSec);
	const chosen: C[] = [];
	for (const candidate of ranked) {
		if (chosen.length >= opts.maxFrames) break;
		if (!chosen.some((c) => redundant(c, candidate, opts))) chosen.push(candidate);
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
