import { afterEach, describe, expect, it } from 'vitest';
import { aroundSlot } from '$lib/i18n/slot';
import { m } from '$lib/paraglide/messages';
import { baseLocale, overwriteGetLocale } from '$lib/paraglide/runtime';

afterEach(() => overwriteGetLocale(() => baseLocale));

describe('aroundSlot', () => {
	it('gives the words either side of the element a message places', () => {
		expect(aroundSlot((state) => m.settings_persist({ state }))).toEqual([
			'Persistent storage: ',
			''
		]);
		overwriteGetLocale(() => 'zh-CN');
		expect(aroundSlot((state) => m.settings_persist({ state }))).toEqual(['持久存储：', '']);
	});

	it('keeps words after the slot', () => {
		expect(aroundSlot((link) => `See ${link} for more.`)).toEqual(['See ', ' for more.']);
	});

	it('gives the whole sentence, and nothing after, when the message has no slot', () => {
		expect(aroundSlot(() => 'No slot here.')).toEqual(['No slot here.', '']);
	});
});
