// People's merges and face moves, made durable the moment they are asked for: each is stored as
// one committed write, then applied. Applying reads the faces first, and a page left before that
// read's success event runs never gets to write (the edit was lost); the stored edit is applied
// by the next tab that starts instead (see applyPersonEdits).
import { commitNow } from './commit-now';
import type { KffDatabase } from './database';
import { mergeInto, refreshPersons } from './people';
import type { PersonEdit } from './people-records';

/** Merges person `from` into `into`: one person with the faces of both. */
export async function mergePersons(db: KffDatabase, from: string, into: string): Promise<void> {
	if (from === into) return;
	await ask(db, { kind: 'merge', from, into });
}

/** Moves one face to person `to`, or to a new person when `to` is null; returns its person. */
export async function moveFace(
	db: KffDatabase,
	faceId: string,
	to: string | null
): Promise<string> {
	const target = to ?? crypto.randomUUID();
	await ask(db, { kind: 'move', faceId, to: target, newPerson: to === null });
	return target;
}

async function ask(db: KffDatabase, edit: PersonEdit) {
	await db.transaction('rw', db.personEdits, () => {
		const stored = db.personEdits.add({ edit });
		commitNow();
		return stored;
	});
	await applyPersonEdits(db);
}

/** Applies the stored edits in the order they were asked for, each once (also across tabs). */
export function applyPersonEdits(db: KffDatabase): Promise<void> {
	return db.transaction('rw', db.personEdits, db.faces, db.persons, async () => {
		const edits = await db.personEdits.toArray();
		for (const { edit } of edits) await apply(db, edit, Date.now());
		await db.personEdits.bulkDelete(edits.map((e) => e.seq));
	});
}

async function apply(db: KffDatabase, edit: PersonEdit, now: number) {
	if (edit.kind === 'merge') {
		await mergeInto(db, edit.from, edit.into);
		await refreshPersons(db, [edit.into], now);
		return;
	}
	const face = await db.faces.get(edit.faceId);
	// The face's video was deleted, or re-run, since: nothing to move.
	if (!face || face.personId === edit.to) return;
	if (edit.newPerson) {
		await db.persons.put({
			id: edit.to,
			name: null,
			hidden: false,
			centroid: face.embedding,
			faceCount: 1,
			createdAt: now,
			updatedAt: now
		});
	} else if (!(await db.persons.get(edit.to))) {
		// The person it was moved to was merged away or emptied meanwhile.
		return;
	}
	await db.faces.update(edit.faceId, { personId: edit.to });
	await refreshPersons(db, [face.personId, edit.to], now);
}
