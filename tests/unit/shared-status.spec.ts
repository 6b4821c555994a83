import { expect, it } from 'vitest';
import { canRetry } from '$lib/shared/status';

it('offers a retry only where another run could end otherwise', () => {
	const video = { status: 'failed' as const, error: null, hasOriginal: true };
	expect(canRetry(video)).toBe(true);
	expect(canRetry({ ...video, status: 'cancelled' })).toBe(true);
	expect(canRetry({ ...video, error: { code: 'out-of-memory' } })).toBe(true);
	expect(canRetry({ ...video, error: { code: 'stalled', seconds: 120 } })).toBe(true);
	// The same file fails the same way again, or there is no file to run.
	expect(canRetry({ ...video, error: { code: 'file-incomplete' } })).toBe(false);
	expect(canRetry({ ...video, error: { code: 'no-video-track' } })).toBe(false);
	expect(canRetry({ ...video, error: { code: 'codec-unsupported' } })).toBe(false);
	expect(canRetry({ ...video, hasOriginal: false })).toBe(false);
	expect(canRetry({ ...video, status: 'completed' })).toBe(false);
	expect(canRetry({ ...video, status: 'processing' })).toBe(false);
});
