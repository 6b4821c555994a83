// Why a keyframe scored as it did: its factors, what each contributed, and a few words that sum
// it up ("sharp, frontal, close-up"; "small face, slightly blurred"). Codes only; the review
// puts them in the reader's language.
import {
	factorContributions,
	faceFactors,
	FACTOR_NAMES,
	scoreOf,
	scoredFace,
	type FactorName,
	type ScoreFactors
} from './score';
import type { FaceBox } from './types';

export type ReasonWord =
	| 'sharp'
	| 'slightly-blurred'
	| 'blurred'
	| 'frontal'
	| 'turned-away'
	| 'uncertain'
	| 'close-up'
	| 'small-face'
	| 'eyes-closed'
	| 'eyes-half-closed';

export interface FactorShare {
	name: FactorName;
	/** The factor, 0..1; null: not measured (eyes). */
	value: number | null;
	/** What it multiplied the score by. */
	contribution: number;
}

export interface ScoreExplanation {
	score: number;
	factors: FactorShare[];
	reason: ReasonWord[];
}

/** Size factor of a face about 3% of the frame (a close-up) and of about 0.5% (small). */
const CLOSE_UP_SIZE = 0.75;
const SMALL_SIZE = 0.35;

function reasonWords(f: ScoreFactors): ReasonWord[] {
	const words: ReasonWord[] = [];
	if (f.size < SMALL_SIZE) words.push('small-face');
	if (f.sharpness >= 0.6) words.push('sharp');
	else words.push(f.sharpness >= 0.3 ? 'slightly-blurred' : 'blurred');
	if (f.frontalness >= 0.7) words.push('frontal');
	else if (f.frontalness < 0.4) words.push('turned-away');
	if (f.confidence < 0.6) words.push('uncertain');
	if (f.size >= CLOSE_UP_SIZE) words.push('close-up');
	if (f.eyes !== null && f.eyes < 0.5)
		words.push(f.eyes < 0.2 ? 'eyes-closed' : 'eyes-half-closed');
	return words;
}

/**
 * The score of a frame with `faces` (coordinates in a `width`×`height` frame) as its scored
 * face's factors (score.ts `scoredFace`); null without a face.
 */
export function explainScore(
	frame: {
		faces: readonly FaceBox[];
		subject?: number;
		width: number;
		height: number;
		sharpness: number;
	},
	sharpnessWeight?: number
): ScoreExplanation | null {
	const face = scoredFace(frame, frame.width, frame.height);
	if (!face) return null;
	const factors = faceFactors(face, frame.width, frame.height, frame.sharpness);
	const shares = factorContributions(factors, sharpnessWeight);
	return {
		score: scoreOf(factors, sharpnessWeight),
		factors: FACTOR_NAMES.map((name) => ({
			name,
			value: factors[name],
			contribution: shares[name]
		})),
		reason: reasonWords(factors)
	};
}
