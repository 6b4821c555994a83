// The streaming ZIP writer: entries in order, bytes stored as they are, names in UTF-8, readable
// by JSZip (the browser tests' reader) and Python's zipfile (python3 is on every machine of ours;
// Info-ZIP's unzip is not).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { writeZip, type ZipEntry } from '../../src/lib/export/zip-writer';

async function* from(entries: ZipEntry[]) {
	yield* entries;
}

/** A sink that keeps what it is given, and how many chunks. */
function memorySink() {
	const chunks: Uint8Array[] = [];
	return {
		chunks,
		stream: new WritableStream<Uint8Array>({ write: (c) => void chunks.push(c.slice()) }),
		bytes: () => new Uint8Array(Buffer.concat(chunks))
	};
}

const jpegLike = (n: number, seed: number) =>
	new Uint8Array(n).map((_, i) => (i < 3 ? [0xff, 0xd8, 0xff][i] : (i * seed) & 0xff));

describe('writeZip', () => {
	const entries: ZipEntry[] = [
		{ path: '视频 采访_00-00-01.000_f25.jpg', data: new Blob([jpegLike(300_000, 7)]) },
		{ path: 'faces/视频 采访_00-00-01.000_f25_face1.jpg', data: new Blob([jpegLike(9_000, 3)]) },
		{ path: 'metadata.json', data: new Blob(['{"notes":"主角"}']) },
		{ path: 'metadata.csv', data: new Blob(['\uFEFFfile\r\n']) }
	];

	it('stores every entry as it is, in order, readable by JSZip', async () => {
		const sink = memorySink();
		await writeZip(from(entries), sink.stream);
		const zip = await JSZip.loadAsync(sink.bytes());
		expect(Object.keys(zip.files)).toEqual(entries.map((e) => e.path));
		for (const e of entries) {
			const stored = Buffer.from(await zip.file(e.path)!.async('uint8array'));
			expect(stored.equals(Buffer.from(await e.data.arrayBuffer()))).toBe(true);
		}
		// STORE: the archive is the entries plus headers, nothing compressed.
		const total = entries.reduce((n, e) => n + e.data.size, 0);
		expect(sink.bytes().length).toBeGreaterThan(total);
		// Streamed: the big entry came through in several chunks, not one copy of the whole.
		expect(sink.chunks.length).toBeGreaterThan(entries.length);
	});

	it('writes an archive that Python zipfile checks without errors', async () => {
		const sink = memorySink();
		await writeZip(from(entries), sink.stream);
		const file = join(mkdtempSync(join(tmpdir(), 'kff-zip-')), 'export.zip');
		writeFileSync(file, sink.bytes());
		const python = spawnSync(
			'python3',
			[
				'-c',
				'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print("\\n".join(z.namelist()))',
				file
			],
			{ encoding: 'utf8' }
		);
		expect(python.stderr).toBe('');
		expect(python.stdout.trim().split('\n')).toEqual(entries.map((e) => e.path));
		expect(python.status).toBe(0);
	});

	it('aborts the target when an entry fails, so no half file is kept', async () => {
		let aborted: unknown = null;
		const target = new WritableStream<Uint8Array>({ abort: (reason) => void (aborted = reason) });
		async function* failing() {
			yield entries[0];
			throw new Error('keyframe gone');
		}
		await expect(writeZip(failing(), target)).rejects.toThrow('keyframe gone');
		expect(aborted).toBeInstanceOf(Error);
	});
});
