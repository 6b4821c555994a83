// Reads a table in primary-key order, a page at a time, so that a library of any size passes
// through a bounded number of rows (Blobs in them are handles, not bytes).
import Dexie, { type Table } from 'dexie';

/** Rows per page: few enough to stay small, many enough that a page costs one request. */
export const PAGE_ROWS = 200;

export async function* tablePages(table: Table, size = PAGE_ROWS): AsyncGenerator<unknown[]> {
	const keyPath = table.schema.primKey.keyPath;
	// Out-of-line keys are not in the row, so a page could not say where the next one starts.
	if (!keyPath) throw new Error(`${table.name}: a table without an inbound key cannot be paged`);
	let last: unknown = undefined;
	for (;;) {
		const collection = last === undefined ? table.orderBy(':id') : table.where(':id').above(last);
		const rows: unknown[] = await collection.limit(size).toArray();
		if (rows.length === 0) return;
		yield rows;
		if (rows.length < size) return;
		last = Dexie.getByKeyPath(rows[rows.length - 1] as object, keyPath);
	}
}
