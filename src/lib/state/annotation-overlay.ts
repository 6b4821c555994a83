// What the review page shows for each keyframe: stored annotations with the user's edits laid
// over them until the stored rows catch up. Immutable maps, pure functions.
import { annotationFields, type AnnotationFields, type AnnotationRecord } from '$lib/db/types';

/** An edit the stored rows may not show yet. */
export interface LocalEdit {
	fields: AnnotationFields;
	/** `updatedAt` of the write that stored these fields; null while unsaved. */
	savedAt: number | null;
}

export type LocalEdits = ReadonlyMap<number, LocalEdit>;

export const NO_EDITS: LocalEdits = new Map();

export function byFrame(
	records: readonly AnnotationRecord[]
): ReadonlyMap<number, AnnotationRecord> {
	return new Map(records.map((record) => [record.frameIndex, record]));
}

/**
 * Stored fields, replaced by local edits unless the stored row was written by (or after) the
 * write that saved the edit: an edit neither flickers back while the live query re-reads, nor
 * hides a later change from another tab.
 */
export function visibleAnnotations(
	stored: ReadonlyMap<number, AnnotationRecord>,
	local: LocalEdits
): ReadonlyMap<number, AnnotationFields> {
	const view = new Map<number, AnnotationFields>();
	for (const [frameIndex, record] of stored) view.set(frameIndex, annotationFields(record));
	for (const [frameIndex, edit] of local) {
		const row = stored.get(frameIndex);
		const readBack = edit.savedAt !== null && row !== undefined && row.updatedAt >= edit.savedAt;
		if (!readBack) view.set(frameIndex, edit.fields);
	}
	return view;
}

/** `local` with these fields as unsaved edits. */
export function withEdits(
	local: LocalEdits,
	edits: Iterable<readonly [number, AnnotationFields]>
): LocalEdits {
	const next = new Map(local);
	for (const [frameIndex, fields] of edits) next.set(frameIndex, { fields, savedAt: null });
	return next;
}

/** `local` with the written fields marked saved at `savedAt` (newer edits stay unsaved). */
export function markSaved(
	local: LocalEdits,
	written: Iterable<readonly [number, AnnotationFields]>,
	savedAt: number
): LocalEdits {
	const next = new Map(local);
	for (const [frameIndex, fields] of written) {
		if (next.get(frameIndex)?.fields === fields) next.set(frameIndex, { fields, savedAt });
	}
	return next;
}

export function sameFields(a: AnnotationFields, b: AnnotationFields): boolean {
	return (
		a.notes === b.notes &&
		a.deleted === b.deleted &&
		a.rating === b.rating &&
		a.flag === b.flag &&
		a.tags.length === b.tags.length &&
		a.tags.every((t, i) => t === b.tags[i])
	);
}
