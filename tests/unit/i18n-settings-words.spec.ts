// Settings validation names a problem; these are its words, in both languages.
import { afterEach, describe, expect, it } from 'vitest';
import {
	decoderChoiceLabel,
	faceModelChoice,
	faceModelName,
	settingLabel,
	settingProblemText
} from '$lib/i18n/settings-words';
import { baseLocale, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';
import {
	DECODER_CHOICES,
	DEFAULT_SETTINGS,
	FACE_MODELS,
	SETTING_BOUNDS,
	validateSetting,
	validateSettings,
	type NumericSetting
} from '$lib/settings/extraction-settings';

const speak = (locale: Locale) => overwriteGetLocale(() => locale);
afterEach(() => speak(baseLocale));

const problemText = (key: NumericSetting, value: number) => {
	const problem = validateSetting(key, value);
	return problem && settingProblemText(problem);
};

describe('settings problems in words', () => {
	it('says what is wrong, naming the field as it is labelled', () => {
		expect(problemText('concurrency', 4)).toBe('Concurrency must be between 1 and 3.');
		expect(problemText('sampleRate', 2.5)).toBe('Sample rate must be a whole number.');
		expect(problemText('confidence', Number.NaN)).toBe('Confidence threshold must be a number.');
		expect(problemText('trashRetentionDays', 1.5)).toBe('Days in Trash must be a whole number.');
		const { maxFrames } = validateSettings({ ...DEFAULT_SETTINGS, maxFrames: 0 });
		expect(maxFrames && settingProblemText(maxFrames)).toBe(
			'Max frames must be between 1 and 500.'
		);
		expect(settingProblemText({ setting: 'model', problem: 'no-choice' })).toBe(
			'Choose a face model.'
		);
		expect(settingProblemText({ setting: 'decoder', problem: 'no-choice' })).toBe(
			'Choose a decoder.'
		);
	});

	it('says it in Chinese, with the numbers in the locale', () => {
		speak('zh-CN');
		expect(problemText('maxFrames', 501)).toBe('关键帧上限必须在 1 到 500 之间。');
		expect(problemText('trashRetentionDays', 0)).toBe('回收站保留天数必须在 1 到 3,650 之间。');
		expect(problemText('sampleRate', 2.5)).toBe('采样间隔必须是整数。');
		expect(settingLabel('confidence')).toBe('置信度阈值');
	});

	it('has a label for every setting and every choice, in both languages', () => {
		for (const locale of ['en', 'zh-CN'] as const) {
			speak(locale);
			const words = [
				...(Object.keys(SETTING_BOUNDS) as NumericSetting[]).map(settingLabel),
				settingLabel('model'),
				settingLabel('decoder'),
				...FACE_MODELS.flatMap((model) => [faceModelChoice(model), faceModelName(model)]),
				...DECODER_CHOICES.map(decoderChoiceLabel)
			];
			for (const word of words) expect(word).toMatch(/\p{L}{2,}/u);
			expect(new Set(words).size).toBe(words.length);
		}
	});
});
