// Ratings and pick/reject flags of keyframes, and the review page's filter by them. Plain logic,
// unit-tested.
import type { AnnotationFields, KeyframeFlag } from '$lib/db/types';

export const MAX_RATING = 5;

/** Which keyframes the gallery shows: all, those rated at least n stars, unrated, or by flag. */
export type RatingFilter = 'all' | 'unrated' | KeyframeFlag | `${1 | 2 | 3 | 4 | 5}+`;

export const RATING_FILTERS: readonly RatingFilter[] = [
	'all',
	'1+',
	'2+',
	'3+',
	'4+',
	'5+',
	'unrated',
	'pick',
	'reject'
];

export function isRatingFilter(value: string): value is RatingFilter {
	return (RATING_FILTERS as readonly string[]).includes(value);
}

export function matchesRatingFilter(fields: AnnotationFields, filter: RatingFilter): boolean {
	switch (filter) {
		case 'all':
			return true;
		case 'unrated':
			return fields.rating === 0;
		case 'pick':
		case 'reject':
			return fields.flag === filter;
		default:
			return fields.rating >= Number(filter[0]);
	}
}

/** A whole number of stars in 0..5 (0 = not rated). */
export function clampRating(stars: number): number {
	return Number.isFinite(stars) ? Math.min(MAX_RATING, Math.max(0, Math.round(stars))) : 0;
}

/** The flag after pressing it on keyframes: set on all of them, or cleared when all have it. */
export function toggledFlag(
	flags: readonly (KeyframeFlag | null)[],
	flag: KeyframeFlag
): KeyframeFlag | null {
	return flags.length > 0 && flags.every((f) => f === flag) ? null : flag;
}
