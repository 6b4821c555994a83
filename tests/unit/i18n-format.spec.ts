import { afterEach, describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatEta, formatList, formatNumber } from '$lib/i18n/format';
import { baseLocale, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';

const speak = (locale: Locale) => overwriteGetLocale(() => locale);
afterEach(() => speak(baseLocale));

describe('formatEta', () => {
	it('rounds up and picks units', () => {
		expect(formatEta(0)).toBe('0 sec');
		expect(formatEta(44.2)).toBe('45 sec');
		expect(formatEta(185)).toBe('3 min 5 sec');
		expect(formatEta(3725)).toBe('1 hr 2 min');
	});

	it('speaks Chinese without spaces between the units', () => {
		speak('zh-CN');
		expect(formatEta(185)).toBe('3分钟5秒');
		expect(formatEta(3725)).toBe('1小时2分钟');
	});

	it('is empty when unknown', () => {
		expect(formatEta(Number.NaN)).toBe('');
		expect(formatEta(Infinity)).toBe('');
		expect(formatEta(-3)).toBe('');
	});
});

describe('sizes, numbers and dates follow the locale', () => {
	it('sizes in binary multiples', () => {
		expect(formatBytes(512 * 1024)).toBe('512 kB');
		expect(formatBytes(3.4 * 1024 * 1024)).toBe('3.4 MB');
		expect(formatBytes(1.25 * 1024 ** 3)).toBe('1.25 GB');
	});

	it('numbers and dates', () => {
		expect(formatNumber(12345)).toBe('12,345');
		const day = Date.UTC(2026, 11, 2, 12);
		expect(formatDate(day)).toBe('Dec 2, 2026');
		speak('zh-CN');
		expect(formatDate(day)).toBe('2026年12月2日');
	});
});

describe('formatList', () => {
	it('joins with commas in English and the enumeration comma in Chinese', () => {
		expect(formatList(['3 completed', '1 failed'])).toBe('3 completed, 1 failed');
		expect(formatList(['a', 'b', 'c'])).toBe('a, b, c');
		speak('zh-CN');
		expect(formatList(['完成 3 个', '失败 1 个', '取消 2 个'])).toBe(
			'完成 3 个、失败 1 个、取消 2 个'
		);
	});
});
