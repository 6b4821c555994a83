import { describe, expect, it } from 'vitest';
import { explainFailure, GENERIC_FAILURE, noFacesMessage } from '$lib/pipeline/failure-message';

describe('explainFailure', () => {
	it('names the missing index of a truncated MP4', () => {
		expect(
			explainFailure('[mov,mp4 @ 0x1] moov atom not found\n/input/input: Invalid data found')
		).toContain('index (moov) is missing');
	});
	it('says damaged for unreadable data and falls back to a generic sentence', () => {
		expect(explainFailure('/input/input: Invalid data found when processing input')).toContain(
			'damaged'
		);
		expect(explainFailure('something nobody foresaw')).toBe(GENERIC_FAILURE);
	});
});

describe('noFacesMessage', () => {
	it('suggests what to change', () => {
		expect(noFacesMessage(0.5, 'short')).toBe(
			'No faces found at confidence ≥ 0.5 — try a lower threshold or the full-range model.'
		);
		expect(noFacesMessage(0.7, 'full')).toBe(
			'No faces found at confidence ≥ 0.7 — try a lower threshold.'
		);
	});
});
