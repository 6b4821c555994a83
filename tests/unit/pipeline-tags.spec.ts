import { describe, expect, it } from 'vitest';
import {
	cleanTag,
	MAX_TAG_LENGTH,
	normalizeTag,
	normalizeTags,
	withTag,
	withoutTag
} from '$lib/pipeline/tags';

it('cleans one tag: trims, collapses whitespace, caps the length', () => {
	expect(cleanTag('  red   carpet \n')).toBe('red carpet');
	expect(cleanTag('   ')).toBe('');
	expect(cleanTag('x'.repeat(80))).toHaveLength(MAX_TAG_LENGTH);
	expect(cleanTag('张三 ')).toBe('张三');
});

it('keeps first-seen order and spelling, drops empties and case-insensitive duplicates', () => {
	expect(normalizeTags(['Alice', ' bob', '', 'alice', 'Bob ', 'carol'])).toEqual([
		'Alice',
		'bob',
		'carol'
	]);
	expect(normalizeTags([])).toEqual([]);
});

describe('adding and removing tags', () => {
	it('cleans what the user typed, keeping case and any script', () => {
		expect(normalizeTag('  main   character ')).toBe('main character');
		expect(normalizeTag('主角')).toBe('主角');
		expect(normalizeTag('<b>x</b>')).toBe('<b>x</b>');
		expect(normalizeTag('   ')).toBeNull();
		expect(normalizeTag('a'.repeat(100))).toHaveLength(MAX_TAG_LENGTH);
	});

	it('adds once and removes, returning the same array when nothing changes', () => {
		const tags = ['a'];
		expect(withTag(tags, ' b ')).toEqual(['a', 'b']);
		expect(withTag(tags, 'a')).toBe(tags);
		expect(withTag(tags, 'A')).toBe(tags); // one tag whatever its case
		expect(withTag(tags, '  ')).toBe(tags);
		expect(withoutTag(['a', 'b'], 'a')).toEqual(['b']);
		expect(withoutTag(tags, 'z')).toBe(tags);
	});

	it('normalizeTags drops empties and repeats', () => {
		expect(normalizeTags(['x', ' x ', '', 'y', 'x'])).toEqual(['x', 'y']);
	});
});
