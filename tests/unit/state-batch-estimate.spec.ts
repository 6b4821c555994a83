import { describe, expect, it } from 'vitest';
import {
	batchEstimate,
	DEFAULT_SEC_PER_SEC,
	deviceSpeed
} from '../../src/lib/state/batch-estimate';

describe('deviceSpeed', () => {
	it('uses the defaults before any run', () => {
		expect(deviceSpeed([])).toEqual({
			webcodecs: { secPerSec: DEFAULT_SEC_PER_SEC.webcodecs, measured: false },
			'ffmpeg.wasm': { secPerSec: DEFAULT_SEC_PER_SEC['ffmpeg.wasm'], measured: false }
		});
	});

	it('takes the median per decoder, and scales the unmeasured one from it', () => {
		const speed = deviceSpeed([
			{ decoder: 'webcodecs', durationSec: 10, runSec: 4 },
			{ decoder: 'webcodecs', durationSec: 10, runSec: 100 },
			{ decoder: 'webcodecs', durationSec: 20, runSec: 10 }
		]);
		expect(speed.webcodecs).toEqual({ secPerSec: 0.5, measured: true });
		expect(speed['ffmpeg.wasm'].measured).toBe(false);
		expect(speed['ffmpeg.wasm'].secPerSec).toBeCloseTo(1.25);
	});
});

describe('batchEstimate', () => {
	const speed = deviceSpeed([
		{ decoder: 'webcodecs', durationSec: 10, runSec: 5 },
		{ decoder: 'ffmpeg.wasm', durationSec: 10, runSec: 20 }
	]);

	it('sums duration × the speed of the decoder each file will use', () => {
		expect(
			batchEstimate(
				[
					{ size: 1, durationSec: 60, webCodecs: true },
					{ size: 1, durationSec: 30, webCodecs: false }
				],
				speed
			)
		).toEqual({ seconds: 30 + 60, measured: true });
	});

	it('counts a file of unknown length by its size, and is null while nothing is known', () => {
		const files = [
			{ size: 1000, durationSec: 10, webCodecs: true },
			{ size: 2000, durationSec: null, webCodecs: null }
		];
		expect(batchEstimate(files, speed)?.seconds).toBeCloseTo(5 + 10);
		expect(batchEstimate([files[1]], speed)).toBeNull();
	});

	it('is a guess until the decoders it needs were measured', () => {
		expect(batchEstimate([{ size: 1, durationSec: 10, webCodecs: true }], deviceSpeed([]))).toEqual(
			{ seconds: 10 * DEFAULT_SEC_PER_SEC.webcodecs, measured: false }
		);
	});
});
