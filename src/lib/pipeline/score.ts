import { withOpenEyes } from './eye-baselines';
import { eyesOpen } from './eyes';
import { frontalness } from './frontalness';
import type { FaceBox, ScoredFrame } from './types';

/**
 * Face area fraction at which the size factor reaches 0.5: about a 48 px face in a 640×360 frame.
 * a/(a + 0.01) gives diminishing returns (a 25% close-up scores 0.96, not 25× a 1% face), while a
 * face 1% of the frame width (~6 px, area ~0.02%) scores ~0.02: low but non-zero.
 */
const SIZE_HALF_AREA = 0.01;

/**
 * How much each soft factor can cut the score: factor' = 1 − w + w·factor. Blur is the main
 * reason a keyframe is useless, so sharpness may cut up to 80%; a turned head is still a usable
 * keyframe, so frontalness cuts at most 50%. Confidence and size enter as they are (weight 1).
 */
export const SHARPNESS_WEIGHT = 0.8;
const FRONTALNESS_WEIGHT = 0.5;
/**
 * Closed eyes cut up to 70%: a blink spoils a face still nearly as much as blur does, yet a frame
 * of closed eyes is still better than none when a shot has no other.
 */
const EYES_WEIGHT = 0.7;

/**
 * A frame's score as its factors, each 0..1 (the face's confidence, size, sharpness, frontalness,
 * and how open its eyes are: null when they were not measured, which leaves the score as it is).
 */
export interface ScoreFactors {
	confidence: number;
	size: number;
	sharpness: number;
	frontalness: number;
	eyes: number | null;
}

export type FactorName = keyof ScoreFactors;
export const FACTOR_NAMES: readonly FactorName[] = [
	'confidence',
	'size',
	'sharpness',
	'frontalness',
	'eyes'
];

function clamp01(v: number): number {
	return v > 0 ? Math.min(1, v) : 0;
}

function sizeFactor(face: FaceBox, frameWidth: number, frameHeight: number): number {
	const area = clamp01((face.width * face.height) / (frameWidth * frameHeight));
	return area / (area + SIZE_HALF_AREA);
}

function weighted(factor: number, weight: number): number {
	return 1 - weight + weight * clamp01(factor);
}

/** The face that determines a frame's score: the largest confidence × size factor. */
export function bestFace<F extends FaceBox>(
	faces: readonly F[],
	frameWidth: number,
	frameHeight: number
): F | undefined {
	let best: F | undefined;
	let bestValue = -Infinity;
	for (const face of faces) {
		const value = clamp01(face.score) * sizeFactor(face, frameWidth, frameHeight);
		if (value > bestValue) {
			best = face;
			bestValue = value;
		}
	}
	return best;
}

/** The face a frame's score is about: its subject when it has one, else its best face. */
export function scoredFace(
	frame: { faces: readonly FaceBox[]; subject?: number },
	frameWidth: number,
	frameHeight: number
): FaceBox | undefined {
	return frame.subject === undefined
		? bestFace(frame.faces, frameWidth, frameHeight)
		: frame.faces[frame.subject];
}

/**
 * The factors of `face` (the frame's scored face), its sharpness its own or, for a face stored
 * before faces carried theirs, `frameSharpness` (measured on the frame's scored face).
 */
export function faceFactors(
	face: FaceBox,
	frameWidth: number,
	frameHeight: number,
	frameSharpness: number
): ScoreFactors {
	return {
		confidence: clamp01(face.score),
		size: sizeFactor(face, frameWidth, frameHeight),
		sharpness: clamp01(face.sharpness ?? frameSharpness),
		frontalness: clamp01(frontalness(face)),
		eyes: face.eyeAspect === undefined ? null : eyesOpen(face.eyeAspect, face.openEyeAspect)
	};
}

/**
 * What each factor multiplies the score by (their product is the score): confidence and size as
 * they are, sharpness, frontalness and eyes softened by their weights; eyes not measured, 1.
 */
export function factorContributions(
	f: ScoreFactors,
	sharpnessWeight = SHARPNESS_WEIGHT
): Record<FactorName, number> {
	return {
		confidence: f.confidence,
		size: f.size,
		sharpness: weighted(f.sharpness, sharpnessWeight),
		frontalness: weighted(f.frontalness, FRONTALNESS_WEIGHT),
		eyes: f.eyes === null ? 1 : weighted(f.eyes, EYES_WEIGHT)
	};
}

/** The score the factors make, with sharpness weighted by `sharpnessWeight` (0..1). */
export function scoreOf(f: ScoreFactors, sharpnessWeight = SHARPNESS_WEIGHT): number {
	const c = factorContributions(f, sharpnessWeight);
	return c.confidence * c.size * c.sharpness * c.frontalness * c.eyes;
}

/**
 * A frame's score in 0..1: product of its best face's confidence, size factor, and weighted
 * sharpness (already normalized, measured on that face's region), frontalness and eyes open.
 * 0 without faces.
 */
export function scoreFrame(input: {
	faces: FaceBox[];
	frameWidth: number;
	frameHeight: number;
	sharpness: number;
}): number {
	const { faces, frameWidth, frameHeight, sharpness } = input;
	if (!(frameWidth > 0 && frameHeight > 0)) return 0;
	const face = bestFace(faces, frameWidth, frameHeight);
	if (!face) return 0;
	return scoreOf(faceFactors(face, frameWidth, frameHeight, sharpness));
}

/**
 * `frame` scored on its face `subject` (a reference run's person) instead of its best face:
 * that face's sharpness becomes the frame's.
 */
export function withSubject<T extends ScoredFrame>(
	frame: T,
	subject: number,
	frameWidth: number,
	frameHeight: number
): T {
	const face = frame.faces[subject];
	const factors = faceFactors(face, frameWidth, frameHeight, frame.sharpness);
	return { ...frame, subject, sharpness: factors.sharpness, score: scoreOf(factors) };
}

/**
 * A run's candidates with each face's open-eye baseline (eye-baselines.ts), scored again with it:
 * what selection ranks, so that a blink counts against the face's own open eyes.
 */
export function withOpenEyeScores<T extends ScoredFrame>(
	frames: readonly T[],
	frameWidth: number,
	frameHeight: number
): T[] {
	return withOpenEyes(frames).map((frame) => ({
		...frame,
		score: scoreFrame({ faces: frame.faces, frameWidth, frameHeight, sharpness: frame.sharpness })
	}));
}

/**
 * A frame measured on its own (picked by hand) scored as the run's candidates are: its faces take
 * their open-eye baselines among the run's `candidates`, in the shot of the one nearest in time.
 */
export function scoredAmong<T extends Omit<ScoredFrame, 'frameIndex' | 'hash'>>(
	frame: T,
	candidates: readonly Pick<ScoredFrame, 'timeSec' | 'shot' | 'faces'>[],
	frameWidth: number,
	frameHeight: number
): T {
	if (candidates.length === 0) return frame;
	const gap = (c: { timeSec: number }) => Math.abs(c.timeSec - frame.timeSec);
	const nearest = candidates.reduce((a, b) => (gap(b) < gap(a) ? b : a));
	const { faces } = withOpenEyes([...candidates, { ...frame, shot: nearest.shot }]).at(-1)!;
	const { sharpness } = frame;
	return { ...frame, faces, score: scoreFrame({ faces, frameWidth, frameHeight, sharpness }) };
}
