import { describe, expect, it } from 'vitest';
import { explainFailure, noFacesNotice } from '$lib/pipeline/failure-message';

describe('explainFailure', () => {
	it('names the missing index of a truncated MP4', () => {
		expect(
			explainFailure('[mov,mp4 @ 0x1] moov atom not found\n/input/input: Invalid data found')
		).toEqual({ code: 'file-incomplete' });
	});
	it('says damaged for unreadable data and falls back to a generic failure', () => {
		expect(explainFailure('/input/input: Invalid data found when processing input')).toEqual({
			code: 'damaged'
		});
		expect(explainFailure('Decoder (codec prores) not found')).toEqual({
			code: 'codec-unsupported'
		});
		expect(explainFailure('something nobody foresaw')).toEqual({ code: 'decode-failed' });
	});
});

it('noFacesNotice keeps the threshold and model it suggests changing', () => {
	expect(noFacesNotice(0.5, 'short')).toEqual({
		code: 'no-faces',
		confidence: 0.5,
		model: 'short'
	});
});
