// Writes the whole library (every table of the database, at its schema version) and the given
// settings as one backup file (see backup-format.ts), a page of rows at a time. Blobs are handed
// to the sink as they are, so their bytes go from IndexedDB to the file without passing through
// JavaScript. Pages are read in separate transactions: a video finishing while the backup runs
// may be caught half-way, like any copy of a live library.
import type Dexie from 'dexie';
import {
	FORMAT_VERSION,
	MAGIC,
	encodeRow,
	endLine,
	headerLine,
	schemaString,
	type BackupHeader
} from './backup-format';
import type { BackupSink } from './backup-sink';
import { tablePages } from './table-pages';

export interface BackupOptions {
	/** Tables left out of the file (the originals, unless asked for). */
	skipTables?: readonly string[];
	/** The app's settings, written as they are and handed back on restore. */
	settings: unknown;
	/** Rows written so far of all there are. */
	onProgress?: (done: number, total: number) => void;
}

function tablesOf(db: Dexie, skip: readonly string[] = []) {
	return db.tables.filter((t) => !skip.includes(t.name));
}

export async function writeBackup(
	db: Dexie,
	sink: BackupSink,
	options: BackupOptions
): Promise<{ rows: number; bytes: number }> {
	const tables = tablesOf(db, options.skipTables);
	const counts = await Promise.all(tables.map((t) => t.count()));
	const total = counts.reduce((a, b) => a + b, 0);
	const header: BackupHeader = {
		formatVersion: FORMAT_VERSION,
		schemaVersion: db.verno,
		createdAt: Date.now(),
		tables: Object.fromEntries(tables.map((t) => [t.name, schemaString(t.schema)])),
		rows: Object.fromEntries(tables.map((t, i) => [t.name, counts[i]])),
		settings: options.settings
	};
	const encoder = new TextEncoder();
	let bytes = 0;
	const write = async (part: string | Blob) => {
		bytes += typeof part === 'string' ? encoder.encode(part).byteLength : part.size;
		await sink.write(part);
	};
	await write(MAGIC + headerLine(header));
	let rows = 0;
	options.onProgress?.(0, total);
	for (const table of tables) {
		for await (const page of tablePages(table)) {
			for (const row of page) {
				const { line, blobs } = encodeRow(table.name, row);
				await write(line);
				for (const blob of blobs) await write(blob);
			}
			rows += page.length;
			options.onProgress?.(rows, Math.max(rows, total));
		}
	}
	await write(endLine(rows));
	return { rows, bytes };
}

/** Bytes each table adds to a backup (its lines and blobs), to say how large one will be. */
export async function measureBackup(db: Dexie): Promise<Record<string, number>> {
	const encoder = new TextEncoder();
	const sizes: Record<string, number> = {};
	for (const table of tablesOf(db)) {
		let bytes = 0;
		for await (const page of tablePages(table)) {
			for (const row of page) {
				const { line, blobs } = encodeRow(table.name, row);
				bytes += encoder.encode(line).byteLength + blobs.reduce((n, b) => n + b.size, 0);
			}
		}
		sizes[table.name] = bytes;
	}
	return sizes;
}
