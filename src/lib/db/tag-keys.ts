// A derived key for the history page's tag filter: per tag of a video, the keys its history
// indexes would have, led by the tag. `*tagKeys` (multiEntry) then serves "tag T, sorted by S,
// (status X)" the way `[deletedAt(+status)+S]` serves the untagged lists: offset, limit and a
// native count on one index range, no id lists in memory. Entries:
//   [tag, deletedAt, sort, value]          sort 'createdAt' | 'name' | 'durationSec'
//   [tag, deletedAt, status, sort, value]
// Unprobed videos (durationSec null) get no duration entries, like `[deletedAt+durationSec]`.
import type { VideoRecord } from './types';

export type TagKeyFields = Pick<
	VideoRecord,
	'tags' | 'deletedAt' | 'status' | 'createdAt' | 'name' | 'durationSec'
>;

/** The fields a tag key is made of: a write that changes one of them recomputes the keys. */
export const TAG_KEY_FIELDS: readonly (keyof TagKeyFields)[] = [
	'tags',
	'deletedAt',
	'status',
	'createdAt',
	'name',
	'durationSec'
];

export function tagKeys(v: TagKeyFields): (string | number)[][] {
	const keys: (string | number)[][] = [];
	for (const tag of new Set(v.tags ?? [])) {
		const sorts: [string, string | number | null][] = [
			['createdAt', v.createdAt],
			['name', v.name],
			['durationSec', v.durationSec]
		];
		for (const [sort, value] of sorts) {
			if (value === null || value === undefined) continue;
			keys.push([tag, v.deletedAt, sort, value], [tag, v.deletedAt, v.status, sort, value]);
		}
	}
	return keys;
}
