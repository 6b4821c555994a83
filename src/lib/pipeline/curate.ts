// Choosing keyframes again from a run's stored candidates, with other settings and no decoding:
// which faces count (a minimum size, the largest only), how much sharpness weighs, how many
// frames and how far apart. With the run's own settings it gives the run's selection.
import { bestFace, faceFactors, scoreOf } from './score';
import { selectKeyframes } from './select';
import type { FaceBox, ScoredFrame } from './types';

export interface Tune {
	maxFrames: number;
	minGapSec: number;
	/** Faces shorter than this share of the frame's height (0..100) do not count. */
	minFacePct: number;
	/** Only the largest face of a frame counts. */
	largestFaceOnly: boolean;
	/** How much sharpness may cut the score, 0..1. */
	sharpnessWeight: number;
	/** At most one keyframe per shot unless clearly different. */
	onePerShot: boolean;
}

/** What a run's selection was made from: its frame size (faces' coordinates) and its limits. */
export interface SelectionBasis {
	frameWidth: number;
	frameHeight: number;
	maxHashDistance: number;
	/** The run's own settings. */
	tune: Tune;
}

/** The faces of a candidate that count under `tune`. */
export function tunedFaces(
	faces: readonly FaceBox[],
	basis: SelectionBasis,
	tune: Tune
): FaceBox[] {
	const minHeight = (tune.minFacePct / 100) * basis.frameHeight;
	const kept = faces.filter((f) => f.height >= minHeight);
	if (!tune.largestFaceOnly || kept.length < 2) return kept;
	return [kept.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a))];
}

/**
 * A candidate's score under `tune`: its best face that counts, or with a subject (a reference
 * run's person) that face alone when it counts. Each face is scored on its own sharpness;
 * candidates stored before faces carried theirs lend the frame's to whichever face is best.
 */
export function tunedScore(c: ScoredFrame, basis: SelectionBasis, tune: Tune): number {
	const { frameWidth: w, frameHeight: h } = basis;
	const faces = c.subject === undefined ? c.faces : [c.faces[c.subject]];
	const face = bestFace(tunedFaces(faces, basis, tune), w, h);
	return face ? scoreOf(faceFactors(face, w, h, c.sharpness), tune.sharpnessWeight) : 0;
}

/** The frame indices `tune` chooses from `candidates`, in time order. */
export function curate(
	candidates: readonly ScoredFrame[],
	basis: SelectionBasis,
	tune: Tune
): number[] {
	const rescored = candidates.map((c) => ({ ...c, score: tunedScore(c, basis, tune) }));
	return selectKeyframes(rescored, {
		maxFrames: tune.maxFrames,
		minGapSec: tune.minGapSec,
		maxHashDistance: basis.maxHashDistance,
		onePerShot: tune.onePerShot
	}).map((c) => c.frameIndex);
}
