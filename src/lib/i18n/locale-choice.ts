// Which language the app speaks: the person's choice, else the browser's first language we have.
import type { Locale } from '$lib/paraglide/runtime';

/** 'auto' follows the browser; a locale is a choice the person made in Settings. */
export type LocaleChoice = 'auto' | Locale;

/** Simplified Chinese as browsers name it: zh, zh-CN, zh-SG, zh-Hans and zh-Hans-*. */
function isSimplifiedChinese(tag: string): boolean {
	const [language, ...rest] = tag.toLowerCase().split('-');
	if (language !== 'zh') return false;
	const next = rest[0];
	return next === undefined || next === 'cn' || next === 'sg' || next === 'hans';
}

/** The first of the browser's languages that we speak; English when none is. */
export function localeFromLanguages(languages: readonly string[]): Locale {
	for (const tag of languages) {
		if (isSimplifiedChinese(tag)) return 'zh-CN';
		if (tag.toLowerCase().split('-')[0] === 'en') return 'en';
	}
	return 'en';
}

export function resolveLocale(choice: LocaleChoice, languages: readonly string[]): Locale {
	return choice === 'auto' ? localeFromLanguages(languages) : choice;
}

export function isLocaleChoice(value: unknown): value is LocaleChoice {
	return value === 'auto' || value === 'en' || value === 'zh-CN';
}
