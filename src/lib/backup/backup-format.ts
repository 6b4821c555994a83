// The backup file, as plain data. A stream a writer produces row by row without holding the
// library in memory, and a reader can check whole before anything is written:
//
//   KEY-FACE-FRAME-BACKUP\n                      the magic line: anything else is a foreign file
//   {"formatVersion","schemaVersion","createdAt","tables","rows","settings"}\n    the header
//   {"table","row","blobs":[{size,type,…}]}\n<the row's blobs, byte for byte, back to back>
//   … one line per row …
//   {"end":true,"rows":n}\n                       without it the file was cut short
//
// Each Blob inside a row is written as {"$blob": i} (i indexes the line's `blobs`) and its bytes
// follow the line as they are: no base64, so a 600 MB original costs 600 MB and never becomes a
// JavaScript string (V8 strings stop at 2^29 characters).

export const MAGIC = 'KEY-FACE-FRAME-BACKUP\n';
/** The layout above; a reader refuses files of a later layout. */
export const FORMAT_VERSION = 1;

export interface BackupHeader {
	formatVersion: number;
	/** The Dexie schema version the rows were read from. */
	schemaVersion: number;
	createdAt: number;
	/** Each table's Dexie schema string at that version (primary key first). */
	tables: Record<string, string>;
	/** Rows per table, for progress. */
	rows: Record<string, number>;
	/** The app's settings, as the app gave them. */
	settings: unknown;
}

export interface BlobInfo {
	size: number;
	type: string;
	/** Set when the Blob was a File (an original video keeps its name). */
	name?: string;
	lastModified?: number;
}

export interface RowLine {
	table: string;
	row: unknown;
	blobs: BlobInfo[];
}

export interface EndLine {
	end: true;
	rows: number;
}

export type BackupProblem = 'foreign' | 'damaged' | 'newer';

/** Why a file cannot be restored; the UI words it by `problem`. */
export class BackupError extends Error {
	constructor(
		readonly problem: BackupProblem,
		detail: string
	) {
		super(`${problem}: ${detail}`);
		this.name = 'BackupError';
	}
}

const damaged = (detail: string) => new BackupError('damaged', detail);

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (value === null || typeof value !== 'object') return false;
	const proto = Object.getPrototypeOf(value) as unknown;
	return proto === Object.prototype || proto === null;
}

function blobInfo(blob: Blob): BlobInfo {
	const info: BlobInfo = { size: blob.size, type: blob.type };
	if (blob instanceof File) {
		info.name = blob.name;
		info.lastModified = blob.lastModified;
	}
	return info;
}

/**
 * A row as one line and the Blobs whose bytes follow it. Anything JSON would not give back as
 * it was (a Date, an ArrayBuffer, a Map) throws rather than being lost.
 */
export function encodeRow(table: string, row: unknown): { line: string; blobs: Blob[] } {
	const blobs: Blob[] = [];
	const encode = (value: unknown): unknown => {
		if (value instanceof Blob) {
			blobs.push(value);
			return { $blob: blobs.length - 1 };
		}
		if (Array.isArray(value)) return value.map(encode);
		if (isPlainObject(value)) {
			const out: Record<string, unknown> = {};
			for (const [k, v] of Object.entries(value)) out[k] = encode(v);
			return out;
		}
		if (typeof value === 'number' && !Number.isFinite(value)) {
			throw new TypeError(`${table}: ${value} has no JSON form`);
		}
		if (value !== null && typeof value === 'object') {
			throw new TypeError(`${table}: a ${Object.prototype.toString.call(value)} has no JSON form`);
		}
		return value;
	};
	const json = encode(row);
	const line: RowLine = { table, row: json, blobs: blobs.map(blobInfo) };
	return { line: `${JSON.stringify(line)}\n`, blobs };
}

/** A row line's value with its placeholders replaced by `blobs` (in the line's order). */
export function decodeRow(row: unknown, blobs: readonly Blob[]): unknown {
	const decode = (value: unknown): unknown => {
		if (Array.isArray(value)) return value.map(decode);
		if (isPlainObject(value)) {
			const keys = Object.keys(value);
			if (keys.length === 1 && keys[0] === '$blob') {
				const blob = blobs[value.$blob as number];
				if (!blob) throw damaged(`no blob ${String(value.$blob)}`);
				return blob;
			}
			const out: Record<string, unknown> = {};
			for (const [k, v] of Object.entries(value)) out[k] = decode(v);
			return out;
		}
		return value;
	};
	return decode(row);
}

export function headerLine(header: BackupHeader): string {
	return `${JSON.stringify(header)}\n`;
}

export function endLine(rows: number): string {
	return `${JSON.stringify({ end: true, rows } satisfies EndLine)}\n`;
}

function parseJson(line: string): unknown {
	try {
		return JSON.parse(line);
	} catch {
		throw damaged('a line is not JSON');
	}
}

const isCount = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;

/**
 * The header, checked against the app's schema version `appVersion` and its tables: a later
 * layout or schema is 'newer'; at the same schema version the tables must be the app's own.
 */
export function parseHeader(
	line: string,
	appVersion: number,
	appTables: readonly string[]
): BackupHeader {
	const h = parseJson(line);
	if (!isPlainObject(h) || !isCount(h.formatVersion) || !isCount(h.schemaVersion)) {
		throw damaged('the header is not a backup header');
	}
	if (h.formatVersion > FORMAT_VERSION || h.schemaVersion > appVersion) {
		throw new BackupError('newer', `format ${h.formatVersion}, schema ${h.schemaVersion}`);
	}
	const tables = h.tables;
	const rows = h.rows;
	if (
		!isPlainObject(tables) ||
		!Object.values(tables).every((s) => typeof s === 'string') ||
		!isPlainObject(rows) ||
		!Object.values(rows).every(isCount) ||
		typeof h.createdAt !== 'number'
	) {
		throw damaged('the header lists no tables');
	}
	if (h.schemaVersion === appVersion) {
		const unknown = Object.keys(tables).filter((t) => !appTables.includes(t));
		if (unknown.length) throw damaged(`tables this version does not have: ${unknown.join(', ')}`);
	}
	return h as unknown as BackupHeader;
}

/** A line after the header: a row of a table the header lists, or the end. */
export function parseRecord(line: string, header: BackupHeader): RowLine | EndLine {
	const r = parseJson(line);
	if (!isPlainObject(r)) throw damaged('a line is not a record');
	if (r.end === true) {
		if (!isCount(r.rows)) throw damaged('the end line has no count');
		return r as unknown as EndLine;
	}
	if (typeof r.table !== 'string' || !Object.hasOwn(header.tables, r.table)) {
		throw damaged('a row of a table the header does not list');
	}
	if (!isPlainObject(r.row) || !Array.isArray(r.blobs)) throw damaged('a row without its value');
	for (const b of r.blobs as unknown[]) {
		if (!isPlainObject(b) || !isCount(b.size) || typeof b.type !== 'string') {
			throw damaged('a row whose blobs have no size');
		}
	}
	return r as unknown as RowLine;
}

/** A Dexie table's schema string (the primary key, then its indexes), as `stores()` takes it. */
export function schemaString(schema: {
	primKey: { src: string };
	indexes: readonly { src: string }[];
}): string {
	return [schema.primKey, ...schema.indexes].map((i) => i.src).join(', ');
}
