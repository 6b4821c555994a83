import { describe, expect, it } from 'vitest';
import { EMPTY_ANNOTATION, annotationFields } from '$lib/db/types';
import {
	RATING_FILTERS,
	clampRating,
	isRatingFilter,
	matchesRatingFilter,
	toggledFlag
} from '$lib/state/rating-filter';

const rated = (rating: number, flag: 'pick' | 'reject' | null = null) => ({
	...EMPTY_ANNOTATION,
	rating,
	flag
});

describe('rating filter', () => {
	it('keeps keyframes rated at least n stars, unrated ones, or one flag', () => {
		const frames = [rated(0), rated(2, 'reject'), rated(3), rated(5, 'pick')];
		const shown = (filter: (typeof RATING_FILTERS)[number]) =>
			frames.filter((f) => matchesRatingFilter(f, filter)).map((f) => f.rating);
		expect(shown('all')).toEqual([0, 2, 3, 5]);
		expect(shown('1+')).toEqual([2, 3, 5]);
		expect(shown('3+')).toEqual([3, 5]);
		expect(shown('5+')).toEqual([5]);
		expect(shown('unrated')).toEqual([0]);
		expect(shown('pick')).toEqual([5]);
		expect(shown('reject')).toEqual([2]);
	});

	it('accepts only its own values from a <select>', () => {
		expect(RATING_FILTERS.every(isRatingFilter)).toBe(true);
		expect(isRatingFilter('6+')).toBe(false);
		expect(isRatingFilter('')).toBe(false);
	});

	it('clamps stars to whole numbers 0..5', () => {
		expect([-1, 0, 2.4, 5, 9, NaN].map(clampRating)).toEqual([0, 0, 2, 5, 5, 0]);
	});

	it('a flag is set on all, or cleared when all already have it', () => {
		expect(toggledFlag([null, 'pick'], 'pick')).toBe('pick');
		expect(toggledFlag(['pick', 'pick'], 'pick')).toBeNull();
		expect(toggledFlag(['reject'], 'pick')).toBe('pick');
		expect(toggledFlag([], 'reject')).toBe('reject');
	});

	it('rows stored before ratings read as unrated and unflagged', () => {
		const old = {
			videoId: 'v',
			frameIndex: 1,
			notes: 'n',
			tags: ['t'],
			deleted: false,
			createdAt: 1,
			updatedAt: 1
		};
		expect(annotationFields(old)).toEqual({
			notes: 'n',
			tags: ['t'],
			deleted: false,
			rating: 0,
			flag: null
		});
	});
});
