import { describe, expect, it } from 'vitest';
import { DecodeFailure } from '../../src/workers/decoders/ffmpeg-decoder';
import type { FrameDecoder } from '../../src/workers/decoders/frame-decoder';
import { failureOf } from '../../src/workers/describe-error';
import { DetectorFailure } from '../../src/workers/detector-client';

const decoder = { details: () => 'Invalid data found when processing input' } as FrameDecoder;

describe('failureOf', () => {
	it('keeps an explained decoding failure as it is', () => {
		const failure = new DecodeFailure({ code: 'file-incomplete' }, 'moov atom not found');
		expect(failureOf(failure, decoder)).toEqual({
			ok: false,
			notice: { code: 'file-incomplete' },
			details: 'moov atom not found'
		});
	});

	it("says the detector failed, with its error and not the decoder's log", () => {
		const cause = new TypeError('Failed to fetch');
		const result = failureOf(new DetectorFailure(cause), decoder);
		expect(result.notice).toEqual({ code: 'detector-failed' });
		expect(result.details).toContain('TypeError: Failed to fetch');
		expect(result.details).not.toContain('Invalid data');
	});

	it("explains anything else by its error, with the decoder's log in the details", () => {
		expect(failureOf(new Error('moov atom not found'), decoder).notice).toEqual({
			code: 'file-incomplete'
		});
		const result = failureOf(new Error('boom'), decoder);
		expect(result.notice).toEqual({ code: 'decode-failed' });
		expect(result.details).toContain('Error: boom');
		expect(result.details).toContain('Invalid data found');
	});
});
