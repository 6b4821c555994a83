// Tags as people type them: one clean form for storing, filtering and the `*tags` index.

/** Longest tag kept, in UTF-16 units. */
export const MAX_TAG_LENGTH = 50;

/** One tag: trimmed, inner whitespace collapsed, capped; '' when nothing is left. */
export function cleanTag(tag: string): string {
	return tag.replace(/\s+/g, ' ').trim().slice(0, MAX_TAG_LENGTH).trim();
}

/**
 * Clean tags in their first-seen order, without empties or duplicates. Duplicates compare
 * case-insensitively ("Alice" and "alice" are one tag); the first spelling wins.
 */
export function normalizeTags(tags: readonly string[]): string[] {
	const seen = new Set<string>();
	const result: string[] = [];
	for (const raw of tags) {
		const tag = cleanTag(raw);
		const key = tag.toLowerCase();
		if (!tag || seen.has(key)) continue;
		seen.add(key);
		result.push(tag);
	}
	return result;
}
