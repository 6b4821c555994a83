// The words of curation's codes: score factors and the reason a frame scored as it did.
import { m } from '$lib/paraglide/messages';
import type { ReasonWord } from '$lib/pipeline/score-reason';
import type { FactorName } from '$lib/pipeline/score';

const FACTOR: Record<FactorName, () => string> = {
	confidence: m.curation_factor_confidence,
	size: m.curation_factor_size,
	sharpness: m.curation_factor_sharpness,
	frontalness: m.curation_factor_frontalness,
	eyes: m.curation_factor_eyes
};

const REASON: Record<ReasonWord, () => string> = {
	sharp: m.curation_reason_sharp,
	'slightly-blurred': m.curation_reason_slightly_blurred,
	blurred: m.curation_reason_blurred,
	frontal: m.curation_reason_frontal,
	'turned-away': m.curation_reason_turned_away,
	uncertain: m.curation_reason_uncertain,
	'close-up': m.curation_reason_close_up,
	'small-face': m.curation_reason_small_face,
	'eyes-closed': m.curation_reason_eyes_closed,
	'eyes-half-closed': m.curation_reason_eyes_half_closed
};

export const factorLabel = (name: FactorName): string => FACTOR[name]();

/** The reason in one line: "sharp, frontal, close-up". */
export const reasonText = (words: readonly ReasonWord[]): string =>
	words.map((w) => REASON[w]()).join(m.curation_reason_separator());
