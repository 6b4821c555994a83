// Reads a backup file (see backup-format.ts) front to back. Lines are read through a window of
// the file; a row's blobs become slices of the file itself, so no bytes of them are read here
// (a slice of a picked File stays on disk until IndexedDB copies it).
import {
	BackupError,
	MAGIC,
	decodeRow,
	parseHeader,
	parseRecord,
	type BackupHeader
} from './backup-format';

const WINDOW = 1 << 20;
/** A longer line is no line of ours (our longest rows are a few kB). */
const MAX_LINE = 64 << 20;

class LineReader {
	#file: Blob;
	#pos = 0;
	#buf = new Uint8Array(0);
	#bufStart = 0;
	#decoder = new TextDecoder('utf-8', { fatal: true });

	constructor(file: Blob) {
		this.#file = file;
	}

	get position(): number {
		return this.#pos;
	}

	/** The next line without its '\n'; 'end' when the file ends first. */
	async line(): Promise<string | 'end'> {
		let size = WINDOW;
		for (;;) {
			const from = this.#pos - this.#bufStart;
			const at = from >= 0 && from <= this.#buf.length ? this.#buf.indexOf(10, from) : -1;
			if (at >= 0) {
				const bytes = this.#buf.subarray(from, at);
				this.#pos = this.#bufStart + at + 1;
				try {
					return this.#decoder.decode(bytes);
				} catch {
					throw new BackupError('damaged', 'a line is not UTF-8');
				}
			}
			const bufEnd = this.#bufStart + this.#buf.length;
			if (from >= 0 && bufEnd >= this.#file.size) return 'end';
			if (from >= 0 && this.#buf.length - from >= MAX_LINE) {
				throw new BackupError('damaged', 'a line too long');
			}
			// Refill from the line's start, growing until the line fits.
			if (from >= 0 && this.#buf.length - from >= size / 2) size *= 2;
			this.#bufStart = this.#pos;
			this.#buf = new Uint8Array(await this.#file.slice(this.#pos, this.#pos + size).arrayBuffer());
		}
	}

	/** The next `size` bytes as a slice of the file, skipping them. */
	take(size: number, type: string): Blob {
		const end = this.#pos + size;
		if (end > this.#file.size) throw new BackupError('damaged', 'the file ends inside a row');
		const blob = this.#file.slice(this.#pos, end, type);
		this.#pos = end;
		return blob;
	}
}

export type BackupRecord =
	| { kind: 'header'; header: BackupHeader }
	| { kind: 'row'; table: string; value: unknown }
	| { kind: 'end'; rows: number };

async function readMagic(file: Blob): Promise<void> {
	const magic = new TextEncoder().encode(MAGIC);
	const head = new Uint8Array(await file.slice(0, magic.length).arrayBuffer());
	const prefix = head.every((b, i) => b === magic[i]);
	if (prefix && head.length === magic.length) return;
	// A file cut inside the magic line is ours, damaged; any other start is someone else's.
	if (prefix && head.length > 0) throw new BackupError('damaged', 'the file ends at its start');
	throw new BackupError('foreign', 'no backup magic line');
}

/**
 * Every record of `file` in order, checked as it goes: the header against the app's schema,
 * each row's lines and blob sizes, and the end line (its count, nothing after it).
 */
export async function* readBackup(
	file: Blob,
	app: { version: number; tables: readonly string[] }
): AsyncGenerator<BackupRecord & { position: number }> {
	await readMagic(file);
	const reader = new LineReader(file);
	reader.take(MAGIC.length, '');
	const first = await reader.line();
	if (first === 'end') throw new BackupError('damaged', 'the file ends before its header');
	const header = parseHeader(first, app.version, app.tables);
	yield { kind: 'header', header, position: reader.position };
	let rows = 0;
	for (;;) {
		const line = await reader.line();
		if (line === 'end') throw new BackupError('damaged', 'the file ends before its end line');
		const record = parseRecord(line, header);
		if ('end' in record) {
			if (record.rows !== rows) throw new BackupError('damaged', 'the row count differs');
			if (reader.position !== file.size) throw new BackupError('damaged', 'bytes after the end');
			yield { kind: 'end', rows, position: reader.position };
			return;
		}
		const blobs = record.blobs.map((b) => {
			const bytes = reader.take(b.size, b.type);
			return b.name === undefined
				? bytes
				: new File([bytes], b.name, { type: b.type, lastModified: b.lastModified });
		});
		rows++;
		yield {
			kind: 'row',
			table: record.table,
			value: decodeRow(record.row, blobs),
			position: reader.position
		};
	}
}
