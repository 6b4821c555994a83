// The People page's merges and face moves: stored as pending edits (pending-edits.ts), so that a
// page left right after the click still has them done.
import type { KffDatabase } from './database';
import { askEdit } from './pending-edits';

/** Merges person `from` into `into`: one person with the faces of both. */
export async function mergePersons(db: KffDatabase, from: string, into: string): Promise<void> {
	if (from === into) return;
	await askEdit(db, { kind: 'merge', from, into });
}

/** Moves one face to person `to`, or to a new person when `to` is null; returns its person. */
export async function moveFace(
	db: KffDatabase,
	faceId: string,
	to: string | null
): Promise<string> {
	const target = to ?? crypto.randomUUID();
	await askEdit(db, { kind: 'move', faceId, to: target, newPerson: to === null });
	return target;
}
