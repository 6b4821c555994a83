// Fields of a video row derived from others for the history indexes and start-up's content
// keys. Filled on create, upgrade and every update that touches their sources (the table's Dexie
// hooks, see database.ts), so no writer has to know about them.
import { nameGrams } from './name-grams';
import {
	LIST_FIELDS,
	personKeys,
	tagKeys,
	type PersonKeyFields,
	type TagKeyFields
} from './label-keys';
import type { VideoRecord } from './types';

/** What the derived fields are made of. */
export type DerivedSources = TagKeyFields &
	PersonKeyFields &
	Pick<VideoRecord, 'name' | 'contentKey' | 'hasOriginal' | 'durationSec'>;
type DerivedFields = Required<Pick<VideoRecord, 'nameGrams' | 'tagKeys' | 'personKeys'>> &
	Pick<VideoRecord, 'keyless' | 'unprobed'>;

/** `keyless` for a row with these fields: 1, or undefined (which no index holds). */
function keyless(row: Pick<VideoRecord, 'contentKey' | 'hasOriginal'>): 1 | undefined {
	return row.contentKey === null && row.hasOriginal ? 1 : undefined;
}

/** `unprobed` for a row with this duration: 1, or undefined (which no index holds). */
function unprobed(row: Pick<VideoRecord, 'durationSec'>): 1 | undefined {
	return (row.durationSec ?? null) === null ? 1 : undefined;
}

/**
 * The derived fields of a row with these sources; `keyless` and `unprobed` only when 1 (an index
 * leaves the others out). Also for rows written past the hooks, with the raw API (tests).
 */
export function derivedKeys(row: DerivedSources): DerivedFields {
	const fields: DerivedFields = {
		nameGrams: nameGrams(row.name ?? ''),
		tagKeys: tagKeys(row),
		personKeys: personKeys(row)
	};
	if (keyless(row)) fields.keyless = 1;
	if (unprobed(row)) fields.unprobed = 1;
	return fields;
}

/** Sets the derived fields of a row about to be stored; returns the same object. */
export function withDerivedKeys<T extends VideoRecord>(row: T): T {
	delete row.keyless;
	delete row.unprobed;
	return Object.assign(row, derivedKeys(row));
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
	if (touches('tagKeys') || touches('tags') || LIST_FIELDS.some(touches)) {
		extra.tagKeys = tagKeys({ ...old, ...changes });
	}
	if (touches('personKeys') || touches('personIds') || LIST_FIELDS.some(touches)) {
		extra.personKeys = personKeys({ ...old, ...changes });
	}
	// Undefined takes the row out of the index (Dexie keeps the field, as undefined).
	if (touches('keyless') || touches('contentKey') || touches('hasOriginal')) {
		extra.keyless = keyless({ ...old, ...changes });
	}
	if (touches('unprobed') || touches('durationSec')) {
		extra.unprobed = unprobed({ ...old, ...changes });
	}
	return Object.keys(extra).length ? extra : undefined;
}
