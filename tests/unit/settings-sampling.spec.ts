import { describe, expect, it } from 'vitest';
import {
	DEFAULT_SETTINGS,
	PRESETS,
	presetOf,
	samplingPlan,
	sanitizeSettings,
	validateSettings,
	withPreset,
	type ExtractionSettings
} from '$lib/settings/extraction-settings';

describe('presets', () => {
	it('are the original project’s: every 10th / 10, every 5th / 20 (the default), every frame / 50', () => {
		expect(PRESETS).toEqual({
			fast: { sampleRate: 10, maxFrames: 10 },
			standard: { sampleRate: 5, maxFrames: 20 },
			thorough: { sampleRate: 1, maxFrames: 50 }
		});
		expect(presetOf(DEFAULT_SETTINGS)).toBe('standard');
	});

	it('a preset samples by frames; changed by hand it is none', () => {
		const bySeconds = { ...DEFAULT_SETTINGS, sampleUnit: 'seconds' as const };
		expect(presetOf(bySeconds)).toBeNull();
		const fast = withPreset(bySeconds, 'fast');
		expect(fast).toMatchObject({ sampleUnit: 'frames', sampleRate: 10, maxFrames: 10 });
		expect(presetOf(fast)).toBe('fast');
		expect(presetOf({ ...fast, maxFrames: 11 })).toBeNull();
	});
});

describe('sampling plan', () => {
	it('every n-th frame of the whole video by default', () => {
		expect(samplingPlan(DEFAULT_SETTINGS, 25)).toEqual({
			sampleRate: 5,
			startSec: 0,
			endSec: Infinity
		});
	});

	it('every n seconds becomes a frame step at the video’s rate, at least every frame', () => {
		const every = (sampleSeconds: number, fps: number) =>
			samplingPlan({ ...DEFAULT_SETTINGS, sampleUnit: 'seconds', sampleSeconds }, fps).sampleRate;
		expect(every(1, 25)).toBe(25);
		expect(every(0.5, 23.976)).toBe(12);
		expect(every(2, 29.97)).toBe(60);
		expect(every(0.1, 5)).toBe(1);
		// An unknown rate falls back to the frame step.
		expect(every(1, 0)).toBe(DEFAULT_SETTINGS.sampleRate);
	});

	it('carries the range; settings stored before ranges read as the whole video', () => {
		const ranged = { ...DEFAULT_SETTINGS, rangeStartSec: 2, rangeEndSec: 6 };
		expect(samplingPlan(ranged, 25)).toMatchObject({ startSec: 2, endSec: 6 });
		const old = { sampleRate: 3, maxFrames: 20, confidence: 0.5, model: 'full', decoder: 'auto' };
		expect(samplingPlan(old as unknown as ExtractionSettings, 25)).toEqual({
			sampleRate: 3,
			startSec: 0,
			endSec: Infinity
		});
	});
});

describe('validation of the new fields', () => {
	it('a range needs times of 0 or more, the end after the start', () => {
		const check = (rangeStartSec: number | null, rangeEndSec: number | null) =>
			validateSettings({ ...DEFAULT_SETTINGS, rangeStartSec, rangeEndSec });
		expect(check(null, null)).toEqual({});
		expect(check(2, null)).toEqual({});
		expect(check(null, 4)).toEqual({});
		expect(check(-1, 4)).toEqual({
			rangeStartSec: { setting: 'rangeStartSec', problem: 'negative' }
		});
		expect(check(6, 2)).toEqual({
			rangeEndSec: { setting: 'rangeEndSec', problem: 'not-after-start' }
		});
		expect(check(2, 2).rangeEndSec?.problem).toBe('not-after-start');
	});

	it('seconds between looks are bounded', () => {
		expect(validateSettings({ ...DEFAULT_SETTINGS, sampleSeconds: 0 }).sampleSeconds).toMatchObject(
			{
				problem: 'out-of-range'
			}
		);
	});

	it('a stored default keeps the unit and seconds, never a range', () => {
		const stored = sanitizeSettings({
			sampleUnit: 'seconds',
			sampleSeconds: 2.5,
			rangeStartSec: 3,
			rangeEndSec: 9
		});
		expect(stored).toMatchObject({
			sampleUnit: 'seconds',
			sampleSeconds: 2.5,
			rangeStartSec: null,
			rangeEndSec: null
		});
		expect(sanitizeSettings({ sampleUnit: 'minutes' }).sampleUnit).toBe('frames');
	});
});
