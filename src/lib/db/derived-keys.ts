// Fields of a video row derived from others for the history indexes. Filled on create, upgrade
// and every update that touches their sources (the table's Dexie hooks, see database.ts), so no
// writer has to know about them.
import { nameGrams } from './name-grams';
import { TAG_KEY_FIELDS, tagKeys } from './tag-keys';
import type { VideoRecord } from './types';

/** Sets the derived fields of a row about to be stored; returns the same object. */
export function withDerivedKeys<T extends VideoRecord>(row: T): T {
	row.nameGrams = nameGrams(row.name ?? '');
	row.tagKeys = tagKeys(row);
	return row;
}

/**
 * The derived fields an update must also write, or undefined when it leaves their sources alone.
 * A change that drops a derived field (a `put` of a row built without it) recomputes it too.
 */
export function derivedChanges(
	changes: Partial<VideoRecord>,
	old: VideoRecord
): Partial<VideoRecord> | undefined {
	const touches = (field: string) => Object.prototype.hasOwnProperty.call(changes, field);
	const extra: Partial<VideoRecord> = {};
	if (touches('name') || touches('nameGrams')) {
		extra.nameGrams = nameGrams(touches('name') ? (changes.name ?? '') : old.name);
	}
	if (touches('tagKeys') || TAG_KEY_FIELDS.some(touches)) {
		extra.tagKeys = tagKeys({ ...old, ...changes });
	}
	return Object.keys(extra).length ? extra : undefined;
}
