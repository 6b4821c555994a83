import { describe, expect, it } from 'vitest';
import {
	DEFAULT_SETTINGS,
	extractionPart,
	loadStoredSettings,
	resolveConcurrency,
	sanitizeSettings,
	SETTINGS_STORAGE_KEY,
	validateSetting,
	validateSettings,
	type AppSettings
} from '$lib/settings/extraction-settings';

describe('extraction settings', () => {
	it('has the product defaults', () => {
		expect(DEFAULT_SETTINGS).toEqual({
			sampleRate: 5,
			sampleUnit: 'frames',
			sampleSeconds: 1,
			rangeStartSec: null,
			rangeEndSec: null,
			maxFrames: 20,
			confidence: 0.5,
			model: 'full',
			decoder: 'auto',
			concurrency: 'auto',
			keepOriginals: true,
			trashRetentionDays: 30
		});
		expect(validateSettings({ ...DEFAULT_SETTINGS })).toEqual({});
	});

	it('names out-of-range and non-integer values, with the bounds', () => {
		expect(validateSetting('concurrency', 4)).toEqual({
			setting: 'concurrency',
			problem: 'out-of-range',
			min: 1,
			max: 3
		});
		expect(validateSetting('sampleRate', 2.5)).toEqual({
			setting: 'sampleRate',
			problem: 'not-whole'
		});
		expect(validateSetting('confidence', Number.NaN)).toEqual({
			setting: 'confidence',
			problem: 'not-a-number'
		});
		expect(validateSetting('confidence', 0.35)).toBeNull();
		expect(validateSettings({ ...DEFAULT_SETTINGS, maxFrames: 0 })).toEqual({
			maxFrames: { setting: 'maxFrames', problem: 'out-of-range', min: 1, max: 500 }
		});
	});

	it('names a face model or decoder that is none of the choices', () => {
		const stale = {
			...DEFAULT_SETTINGS,
			model: 'medium',
			decoder: 'gpu'
		} as unknown as AppSettings;
		expect(validateSettings(stale)).toEqual({
			model: { setting: 'model', problem: 'no-choice' },
			decoder: { setting: 'decoder', problem: 'no-choice' }
		});
	});

	it('keeps only valid stored values', () => {
		expect(
			sanitizeSettings({
				sampleRate: 10,
				maxFrames: -3,
				model: 'short',
				decoder: 'ffmpeg',
				concurrency: '2'
			})
		).toEqual({
			...DEFAULT_SETTINGS,
			sampleRate: 10,
			model: 'short',
			decoder: 'ffmpeg'
		});
		expect(sanitizeSettings({ decoder: 'gpu' }).decoder).toBe('auto');
		expect(sanitizeSettings(null)).toEqual(DEFAULT_SETTINGS);
		expect(sanitizeSettings('garbage')).toEqual(DEFAULT_SETTINGS);
	});

	it('resolves Auto concurrency from the cores: one video per two cores, 1 to 3', () => {
		expect(resolveConcurrency('auto', 1)).toBe(1);
		expect(resolveConcurrency('auto', 2)).toBe(1);
		expect(resolveConcurrency('auto', 3)).toBe(1);
		expect(resolveConcurrency('auto', 4)).toBe(2);
		expect(resolveConcurrency('auto', 6)).toBe(3);
		expect(resolveConcurrency('auto', 16)).toBe(3);
		expect(resolveConcurrency(2, 2)).toBe(2);
		expect(sanitizeSettings({ concurrency: 'auto' }).concurrency).toBe('auto');
		expect(sanitizeSettings({ concurrency: 3 }).concurrency).toBe(3);
		expect(validateSettings({ ...DEFAULT_SETTINGS, concurrency: 'auto' })).toEqual({});
	});

	it('splits the per-video part from the app settings', () => {
		expect(extractionPart({ ...DEFAULT_SETTINGS, concurrency: 3, rangeEndSec: 8 })).toEqual({
			sampleRate: 5,
			sampleUnit: 'frames',
			sampleSeconds: 1,
			rangeStartSec: null,
			rangeEndSec: 8,
			maxFrames: 20,
			confidence: 0.5,
			model: 'full',
			decoder: 'auto'
		});
	});

	it('keeps storage settings: originals on by default, days in Trash within bounds', () => {
		expect(sanitizeSettings({ keepOriginals: false, trashRetentionDays: 7 })).toEqual({
			...DEFAULT_SETTINGS,
			keepOriginals: false,
			trashRetentionDays: 7
		});
		expect(sanitizeSettings({ keepOriginals: 'no', trashRetentionDays: 0 })).toEqual(
			DEFAULT_SETTINGS
		);
		expect(validateSetting('trashRetentionDays', 1.5)).toEqual({
			setting: 'trashRetentionDays',
			problem: 'not-whole'
		});
	});

	it('reads the saved settings, or the defaults when nothing or garbage is stored', () => {
		const storage = (value: string | null) => ({
			getItem: (key: string) => (key === SETTINGS_STORAGE_KEY ? value : null)
		});
		expect(loadStoredSettings(storage(null))).toEqual(DEFAULT_SETTINGS);
		expect(loadStoredSettings(storage('{not json'))).toEqual(DEFAULT_SETTINGS);
		expect(loadStoredSettings(undefined)).toEqual(DEFAULT_SETTINGS);
		expect(
			loadStoredSettings(storage(JSON.stringify({ trashRetentionDays: 7, keepOriginals: false })))
		).toMatchObject({ trashRetentionDays: 7, keepOriginals: false, sampleRate: 5 });
	});
});
