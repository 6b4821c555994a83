import { describe, expect, it } from 'vitest';
import {
	MAX_TAG_LENGTH,
	normalizeTag,
	normalizeTags,
	withTag,
	withoutTag
} from '$lib/pipeline/tags';

describe('tags', () => {
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
		expect(withTag(tags, '  ')).toBe(tags);
		expect(withoutTag(['a', 'b'], 'a')).toEqual(['b']);
		expect(withoutTag(tags, 'z')).toBe(tags);
	});

	it('normalizeTags drops empties and repeats', () => {
		expect(normalizeTags(['x', ' x ', '', 'y', 'x'])).toEqual(['x', 'y']);
	});
});
