import { expect, it } from 'vitest';
import { isLocaleChoice, localeFromLanguages, resolveLocale } from '$lib/i18n/locale-choice';

it('any Simplified Chinese tag gives Chinese; Traditional does not', () => {
	for (const tag of ['zh', 'zh-CN', 'zh-SG', 'zh-Hans', 'zh-Hans-CN', 'ZH-cn']) {
		expect(localeFromLanguages([tag])).toBe('zh-CN');
	}
	expect(localeFromLanguages(['zh-TW'])).toBe('en');
	expect(localeFromLanguages(['zh-Hant-HK'])).toBe('en');
});

it('the first language we speak wins; English when none', () => {
	expect(localeFromLanguages(['en-US', 'zh-CN'])).toBe('en');
	expect(localeFromLanguages(['fr-FR', 'zh-CN', 'en'])).toBe('zh-CN');
	expect(localeFromLanguages(['de-DE'])).toBe('en');
	expect(localeFromLanguages([])).toBe('en');
});

it('a choice made in Settings overrides the browser', () => {
	expect(resolveLocale('en', ['zh-CN'])).toBe('en');
	expect(resolveLocale('zh-CN', ['en-US'])).toBe('zh-CN');
	expect(resolveLocale('auto', ['zh-CN'])).toBe('zh-CN');
	expect(isLocaleChoice('zh-CN')).toBe(true);
	expect(isLocaleChoice('zh-TW')).toBe(false);
});
