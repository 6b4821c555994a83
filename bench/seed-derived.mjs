// The derived fields the app's Dexie hooks add to a video row (src/lib/db/name-grams.ts and
// label-keys.ts), for rows the bench writes with the raw IndexedDB API, which passes the hooks by.
// Self-contained: their source is sent into the page. tests/unit/db-history-search.spec.ts
// checks that they agree with the app's.

/** @param {string} name */
export function benchNameGrams(name) {
	const chars = Array.from(name.toLowerCase());
	const out = new Set();
	for (let i = 0; i < chars.length; i++) {
		for (let len = 1; len <= 3 && i + len <= chars.length; len++) {
			out.add(chars.slice(i, i + len).join(''));
		}
	}
	return [...out];
}

/**
 * Keys of a label filter (a tag or a person) for these labels of the row (label-keys.ts).
 * @param {string[]} labels
 * @param {{ deletedAt: number, status: string, createdAt: number, name: string, durationSec: number | null }} v
 */
export function benchLabelKeys(labels, v) {
	/** @type {(string | number)[][]} */
	const keys = [];
	for (const label of new Set(labels)) {
		for (const sort of /** @type {const} */ (['createdAt', 'name', 'durationSec'])) {
			const value = v[sort];
			if (value === null || value === undefined) continue;
			keys.push([label, v.deletedAt, sort, value], [label, v.deletedAt, v.status, sort, value]);
		}
	}
	return keys;
}
