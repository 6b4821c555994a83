// Restores a backup file into the database, merging by primary key: a row of the file replaces
// the row with its key, rows the file does not have stay, so restoring a file twice changes
// nothing. The whole file is read and checked first; nothing is written unless all of it is
// sound. A file of an older schema is restored into a scratch database of that version, which
// the app's own upgrades (openCurrent) bring up to date, and copied from there: the upgrade
// code stays the one place that knows how old rows become new ones.
import Dexie from 'dexie';
import type { BackupHeader } from './backup-format';
import { readBackup } from './read-backup';
import { tablePages } from './table-pages';

export type RestoreProgress =
	| { phase: 'checking'; done: number; total: number }
	| { phase: 'writing'; done: number; total: number };

export interface RestoreOptions {
	/** Opens a database with the app's current schema (and upgrades) under the given name. */
	openCurrent: (name: string) => Dexie;
	onProgress?: (progress: RestoreProgress) => void;
}

/** Rows and blob bytes per write transaction: bounded, and few transactions. */
const BATCH_ROWS = 200;
const BATCH_BYTES = 64 << 20;

interface App {
	version: number;
	tables: readonly string[];
}

const appOf = (db: Dexie): App => ({ version: db.verno, tables: db.tables.map((t) => t.name) });

/** Reads the whole file, checking every line; the header when all of it is sound. */
async function checkBackup(
	file: Blob,
	app: App,
	report: (done: number) => void
): Promise<{ header: BackupHeader; rows: number }> {
	let header: BackupHeader | undefined;
	for await (const record of readBackup(file, app)) {
		if (record.kind === 'header') header = record.header;
		else if (record.kind === 'end') return { header: header!, rows: record.rows };
		report(record.position);
	}
	throw new Error('unreachable: readBackup ends with its end line or throws');
}

/** Writes the file's rows into `target` (put: merge by key), a batch per transaction. */
async function writeRows(target: Dexie, file: Blob, app: App, report: () => void) {
	let table = '';
	let rows: unknown[] = [];
	let since = 0;
	const flush = async () => {
		if (rows.length === 0) return;
		const t = target.table(table);
		const batch = rows;
		rows = [];
		await target.transaction('rw', t, () => t.bulkPut(batch));
		for (let i = 0; i < batch.length; i++) report();
	};
	for await (const record of readBackup(file, app)) {
		if (record.kind !== 'row') continue;
		if (
			record.table !== table ||
			rows.length >= BATCH_ROWS ||
			record.position - since > BATCH_BYTES
		) {
			await flush();
			table = record.table;
			since = record.position;
		}
		rows.push(record.value);
	}
	await flush();
}

/** Copies every table the app has from `source` into `target`, a page per transaction. */
async function copyRows(source: Dexie, target: Dexie, report: () => void) {
	for (const t of target.tables) {
		if (!source.tables.some((s) => s.name === t.name)) continue;
		for await (const page of tablePages(source.table(t.name))) {
			await target.transaction('rw', t, () => t.bulkPut(page));
			for (let i = 0; i < page.length; i++) report();
		}
	}
}

export async function restoreBackup(
	db: Dexie,
	file: Blob,
	options: RestoreOptions
): Promise<{ header: BackupHeader; rows: number }> {
	const progress = options.onProgress ?? (() => {});
	const app = appOf(db);
	let shown = -1;
	const checked = await checkBackup(file, app, (bytes) => {
		// At most one report per percent: a file of many small rows would flood the UI.
		const percent = Math.floor((100 * bytes) / file.size);
		if (percent > shown) progress({ phase: 'checking', done: bytes, total: file.size });
		shown = percent;
	});
	const { header, rows } = checked;
	const older = header.schemaVersion < app.version;
	const total = older ? 2 * rows : rows;
	let done = 0;
	const wrote = () => {
		done++;
		if (done % 50 === 0 || done === total) progress({ phase: 'writing', done, total });
	};
	progress({ phase: 'writing', done, total });
	if (!older) {
		await writeRows(db, file, app, wrote);
		return checked;
	}
	const scratchName = `${db.name}-restore-${crypto.randomUUID()}`;
	const scratch = new Dexie(scratchName);
	scratch.version(header.schemaVersion).stores(header.tables);
	try {
		await writeRows(
			scratch,
			file,
			{ version: header.schemaVersion, tables: Object.keys(header.tables) },
			wrote
		);
		scratch.close();
		const upgraded = options.openCurrent(scratchName);
		try {
			await copyRows(upgraded, db, wrote);
		} finally {
			upgraded.close();
		}
	} finally {
		await Dexie.delete(scratchName);
	}
	return checked;
}
