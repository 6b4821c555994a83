import { expect, it } from 'vitest';
import { cleanTag, MAX_TAG_LENGTH, normalizeTags } from '$lib/pipeline/tags';

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
