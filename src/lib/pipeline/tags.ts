// Tags as the user types them: one cleaning rule for keyframe and video tags.

export const MAX_TAG_LENGTH = 60;

/** Trimmed, inner whitespace collapsed, capped; null when nothing is left. Case is kept. */
export function normalizeTag(raw: string): string | null {
	const tag = raw.trim().replace(/\s+/g, ' ').slice(0, MAX_TAG_LENGTH).trim();
	return tag === '' ? null : tag;
}

/** `tags` with `tag` appended (cleaned), or `tags` itself when it adds nothing. */
export function withTag(tags: string[], raw: string): string[] {
	const tag = normalizeTag(raw);
	return tag === null || tags.includes(tag) ? tags : [...tags, tag];
}

/** `tags` without `tag`, or `tags` itself when it was not there. */
export function withoutTag(tags: string[], tag: string): string[] {
	return tags.includes(tag) ? tags.filter((t) => t !== tag) : tags;
}

/** Cleaned, without empty entries or repeats, first occurrence first. */
export function normalizeTags(raw: string[]): string[] {
	const tags: string[] = [];
	for (const r of raw) {
		const tag = normalizeTag(r);
		if (tag !== null && !tags.includes(tag)) tags.push(tag);
	}
	return tags;
}
