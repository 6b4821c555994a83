// The sampling pass asks Chromium's decoder for one-thread decoding (optimizeForLatency), in
// every Chromium the app or its tests run in, and no other browser.
import { describe, expect, it } from 'vitest';
import { samplingDecoder } from '../../src/workers/decoders/webcodecs-sampling';

const LINUX = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)';

describe('the sampling decoder options', () => {
	it('ask for low latency in Chromium, headless too, and Edge', () => {
		for (const ua of [
			`${LINUX} Chrome/150.0.0.0 Safari/537.36`,
			`${LINUX} HeadlessChrome/150.0.0.0 Safari/537.36`,
			`${LINUX} Chrome/150.0.0.0 Safari/537.36 Edg/150.0.0.0`
		]) {
			expect(samplingDecoder(ua)).toEqual({ optimizeForLatency: true });
		}
	});

	it('leave Firefox and Safari to their own decoding', () => {
		for (const ua of [
			'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0',
			'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15'
		]) {
			expect(samplingDecoder(ua)).toEqual({});
		}
	});
});
