import { expect, it } from 'vitest';
import { MAX_SIDE, streamRefusal } from '$lib/pipeline/probe-limits';

const stream = { width: 1280, height: 720, durationSec: 60, frameCount: 1500 };

it('lets ordinary streams through, 8K UHD included', () => {
	expect(streamRefusal(stream)).toBeNull();
	expect(streamRefusal({ ...stream, width: 7680, height: 4320 })).toBeNull();
	expect(streamRefusal({ ...stream, durationSec: 0.04, frameCount: 1 })).toBeNull();
});

it('refuses frames larger than the device decodes, before any is allocated', () => {
	expect(streamRefusal({ ...stream, width: 16384, height: 16384 })).toEqual({
		code: 'frame-too-large',
		width: 16384,
		height: 16384,
		max: MAX_SIDE
	});
	expect(streamRefusal({ ...stream, width: 8192, height: 8192 })?.code).toBe('frame-too-large');
	expect(streamRefusal({ ...stream, width: 0, height: 720 })).toEqual({ code: 'damaged' });
});

it('refuses a missing, zero or absurd duration or frame count', () => {
	for (const durationSec of [0, NaN, Infinity, -1, 90_000]) {
		expect(streamRefusal({ ...stream, durationSec })).toEqual({ code: 'bad-duration' });
	}
	for (const frameCount of [0, NaN, 1e9]) {
		expect(streamRefusal({ ...stream, frameCount })).toEqual({ code: 'bad-duration' });
	}
});
