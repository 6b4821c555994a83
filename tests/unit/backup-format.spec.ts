// The backup file's lines: rows with their Blobs out of line, and headers checked against the app.
import { describe, expect, it } from 'vitest';
import {
	BackupError,
	decodeRow,
	encodeRow,
	FORMAT_VERSION,
	headerLine,
	parseHeader,
	parseRecord,
	type BackupHeader
} from '$lib/backup/backup-format';

const header: BackupHeader = {
	formatVersion: FORMAT_VERSION,
	schemaVersion: 3,
	createdAt: 1,
	tables: { videos: 'id', keyframes: 'id' },
	rows: { videos: 1, keyframes: 0 },
	settings: { a: 1 }
};

const problemOf = (fn: () => unknown) => {
	try {
		fn();
	} catch (e) {
		return e instanceof BackupError ? e.problem : e;
	}
	return null;
};

describe('encodeRow / decodeRow', () => {
	it('takes every Blob out of the row, in order, and puts them back', async () => {
		const file = new File(['video'], 'clip.mp4', { type: 'video/mp4', lastModified: 42 });
		const row = {
			id: 'k',
			image: new Blob(['img'], { type: 'image/jpeg' }),
			nested: { list: [new Blob(['x']), 1, 'two', null], file }
		};
		const { line, blobs } = encodeRow('keyframes', row);
		expect(line.endsWith('\n')).toBe(true);
		expect(line.slice(0, -1)).not.toContain('\n');
		expect(blobs).toEqual([row.image, row.nested.list[0], file]);
		const record = parseRecord(line.slice(0, -1), header);
		expect(record).toMatchObject({
			table: 'keyframes',
			blobs: [
				{ size: 3, type: 'image/jpeg' },
				{ size: 1, type: '' },
				{ size: 5, type: 'video/mp4', name: 'clip.mp4', lastModified: 42 }
			]
		});
		if ('end' in record) throw new Error('a row line');
		const back = decodeRow(record.row, blobs) as typeof row;
		expect(back).toEqual(row);
		expect(await back.nested.file.text()).toBe('video');
	});

	it('refuses values JSON would change rather than lose them', () => {
		expect(() => encodeRow('t', { when: new Date() })).toThrow(TypeError);
		expect(() => encodeRow('t', { n: Number.NaN })).toThrow(TypeError);
	});

	it('a placeholder without its blob is a damaged file', () => {
		expect(problemOf(() => decodeRow({ a: { $blob: 3 } }, []))).toBe('damaged');
	});
});

describe('parseHeader', () => {
	const line = (h: object) => headerLine(h as BackupHeader).slice(0, -1);
	const tables = ['videos', 'keyframes'];

	it('accepts a header of this schema or an older one', () => {
		expect(parseHeader(line(header), 3, tables)).toEqual(header);
		expect(parseHeader(line({ ...header, schemaVersion: 1 }), 3, tables).schemaVersion).toBe(1);
	});

	it('calls a later schema or layout newer', () => {
		expect(problemOf(() => parseHeader(line(header), 2, tables))).toBe('newer');
		expect(
			problemOf(() =>
				parseHeader(line({ ...header, formatVersion: FORMAT_VERSION + 1 }), 3, tables)
			)
		).toBe('newer');
	});

	it('calls anything else damaged', () => {
		expect(problemOf(() => parseHeader('{"formatVersion":1', 3, tables))).toBe('damaged');
		expect(problemOf(() => parseHeader('[1,2]', 3, tables))).toBe('damaged');
		expect(problemOf(() => parseHeader(line({ ...header, tables: [] }), 3, tables))).toBe(
			'damaged'
		);
		// Same version, a table the app does not have: not a file of this app's schema.
		const extra = { ...header, tables: { ...header.tables, other: 'id' } };
		expect(problemOf(() => parseHeader(line(extra), 3, tables))).toBe('damaged');
	});
});

describe('parseRecord', () => {
	it('knows the end line and rejects rows of tables the header does not list', () => {
		expect(parseRecord('{"end":true,"rows":4}', header)).toEqual({ end: true, rows: 4 });
		expect(problemOf(() => parseRecord('{"table":"other","row":{},"blobs":[]}', header))).toBe(
			'damaged'
		);
		expect(
			problemOf(() => parseRecord('{"table":"videos","row":{},"blobs":[{"size":-1}]}', header))
		).toBe('damaged');
	});
});
