// Each test of a spec gets its own empty database (fake-indexeddb), deleted afterwards.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach } from 'vitest';
import { createDatabase, type KffDatabase } from '$lib/db/database';

/** Hands every test a fresh database through `use` (e.g. `(fresh) => (db = fresh)`). */
export function useFreshDatabase(use: (db: KffDatabase) => void) {
	let db: KffDatabase | undefined;
	beforeEach(() => {
		db = createDatabase(`test-${crypto.randomUUID()}`);
		use(db);
	});
	afterEach(async () => {
		await db?.delete();
	});
}
