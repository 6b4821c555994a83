import { describe, expect, it } from 'vitest';
import { displayResolution, displaySize } from '$lib/shared/display-size';

describe('displaySize', () => {
	it('swaps width and height for a quarter turn only', () => {
		expect(displaySize({ width: 1280, height: 720, rotation: 90 })).toEqual({
			width: 720,
			height: 1280
		});
		expect(displaySize({ width: 1280, height: 720, rotation: -90 })).toEqual({
			width: 720,
			height: 1280
		});
		expect(displaySize({ width: 1280, height: 720, rotation: 270 })).toEqual({
			width: 720,
			height: 1280
		});
		expect(displaySize({ width: 1280, height: 720, rotation: 180 })).toEqual({
			width: 1280,
			height: 720
		});
		expect(displaySize({ width: 1280, height: 720, rotation: null })).toEqual({
			width: 1280,
			height: 720
		});
		expect(displayResolution({ width: 1280, height: 720, rotation: 90 })).toBe('720×1280');
		expect(displayResolution({ width: null, height: null, rotation: null })).toBeNull();
	});
});
