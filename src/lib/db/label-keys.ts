// Derived keys for the history page's label filters, a tag or a person (People): per label of a
// video, the keys its history indexes would have, led by the label. `*tagKeys` and `*personKeys`
// (multiEntry) then serve "label L, sorted by S, (status X)" the way `[deletedAt(+status)+S]`
// serves the unfiltered lists: offset, limit and a native count on one index range, no id lists
// in memory. Entries:
//   [label, deletedAt, sort, value]          sort 'createdAt' | 'name' | 'durationSec'
//   [label, deletedAt, status, sort, value]
// Unprobed videos (durationSec null) get no duration entries, like `[deletedAt+durationSec]`.
import type { VideoRecord } from './types';

/** The fields that place a video in a history list, besides its labels. */
export type ListFields = Pick<
	VideoRecord,
	'deletedAt' | 'status' | 'createdAt' | 'name' | 'durationSec'
>;
export type TagKeyFields = ListFields & Pick<VideoRecord, 'tags'>;
export type PersonKeyFields = ListFields & Pick<VideoRecord, 'personIds'>;

/** A write that changes one of these recomputes every label's keys. */
export const LIST_FIELDS: readonly (keyof ListFields)[] = [
	'deletedAt',
	'status',
	'createdAt',
	'name',
	'durationSec'
];

export type LabelKey = (string | number)[];

function labelKeys(labels: Iterable<string>, v: ListFields): LabelKey[] {
	const keys: LabelKey[] = [];
	for (const label of new Set(labels)) {
		const sorts: [string, string | number | null][] = [
			['createdAt', v.createdAt],
			['name', v.name],
			['durationSec', v.durationSec]
		];
		for (const [sort, value] of sorts) {
			if (value === null || value === undefined) continue;
			keys.push([label, v.deletedAt, sort, value], [label, v.deletedAt, v.status, sort, value]);
		}
	}
	return keys;
}

export function tagKeys(v: TagKeyFields): LabelKey[] {
	return labelKeys(v.tags ?? [], v);
}

export function personKeys(v: PersonKeyFields): LabelKey[] {
	return labelKeys(v.personIds ?? [], v);
}
