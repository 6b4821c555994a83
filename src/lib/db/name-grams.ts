// A derived search key for the history page's name search: every 1-, 2- and 3-character piece of
// the lowercased name, stored in the multiEntry index `*nameGrams`. A needle of up to 3
// characters is one index lookup with an exact answer; a longer one is looked up by its rarest
// pieces (a superset), then checked against the names of those few candidates only. Characters
// are code points, so an emoji or a CJK surrogate pair is one character.
/** The longest piece indexed. */
export const GRAM = 3;

/** Lowercase the way the search does (the UI promises a case-insensitive substring). */
export function searchText(s: string): string {
	return s.toLowerCase();
}

/** Distinct pieces of 1..GRAM characters of `text` (already lowercased). */
export function gramsOf(text: string, max = GRAM): string[] {
	const chars = Array.from(text);
	const out = new Set<string>();
	for (let i = 0; i < chars.length; i++) {
		let piece = '';
		for (let len = 1; len <= max && i + len <= chars.length; len++) {
			piece += chars[i + len - 1];
			out.add(piece);
		}
	}
	return [...out];
}

/** The index entries of a video's name. */
export function nameGrams(name: string): string[] {
	return gramsOf(searchText(name));
}

/**
 * The pieces to look a needle up by: itself when it is short enough to be indexed whole
 * (`exact`), else its distinct GRAM-long pieces (every match contains all of them).
 */
export function needleGrams(needle: string): { grams: string[]; exact: boolean } {
	const chars = Array.from(needle);
	if (chars.length <= GRAM) return { grams: [needle], exact: true };
	const grams = new Set<string>();
	for (let i = 0; i + GRAM <= chars.length; i++) grams.add(chars.slice(i, i + GRAM).join(''));
	return { grams: [...grams], exact: false };
}
