// Tags as people type them: one cleaning rule for keyframe and video tags, for storing,
// filtering and the `*tags` indexes.

/** Longest tag kept, in UTF-16 units. */
export const MAX_TAG_LENGTH = 50;

const sameTag = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** One tag: trimmed, inner whitespace collapsed, capped; '' when nothing is left. Case is kept. */
export function cleanTag(tag: string): string {
	return tag.replace(/\s+/g, ' ').trim().slice(0, MAX_TAG_LENGTH).trim();
}

/** The cleaned tag, or null when nothing is left. */
export function normalizeTag(raw: string): string | null {
	return cleanTag(raw) || null;
}

/**
 * Clean tags in their first-seen order, without empties or duplicates. Duplicates compare
 * case-insensitively ("Alice" and "alice" are one tag); the first spelling wins.
 */
export function normalizeTags(tags: readonly string[]): string[] {
	const result: string[] = [];
	for (const raw of tags) {
		const tag = cleanTag(raw);
		if (tag && !result.some((t) => sameTag(t, tag))) result.push(tag);
	}
	return result;
}

/** `tags` with `raw` appended (cleaned), or `tags` itself when it adds nothing. */
export function withTag(tags: string[], raw: string): string[] {
	const tag = normalizeTag(raw);
	return tag === null || tags.some((t) => sameTag(t, tag)) ? tags : [...tags, tag];
}

/** `tags` without `tag`, or `tags` itself when it was not there. */
export function withoutTag(tags: string[], tag: string): string[] {
	return tags.includes(tag) ? tags.filter((t) => t !== tag) : tags;
}
