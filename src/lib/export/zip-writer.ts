// Writes a ZIP into a stream one entry at a time, stored as it is (STORE: JPEGs do not shrink,
// recompressing them only costs CPU). Memory stays at about one chunk of one entry whatever the
// export's size: zip.js reads each Blob as a stream, waits for the target (backpressure), and
// switches to ZIP64 by itself when sizes or offsets pass 4 GiB or entries pass 65,535.
// JSZip cannot write ZIP64 and holds the archive in memory; client-zip writes its 65,535-entry
// end record without ZIP64 unless the bytes pass 4 GiB; zip.js does both cases right.
import { ZipWriter } from '@zip.js/zip.js/lib/zip-core-writer.js';

export interface ZipEntry {
	path: string;
	data: Blob;
}

/**
 * Pulls the next entry only once the previous one is written, and closes `target` at the end.
 * On an error `target` is aborted (a picked file is then discarded, not left half-written).
 */
export async function writeZip(
	entries: AsyncIterable<ZipEntry>,
	target: WritableStream<Uint8Array>
): Promise<void> {
	// No workers: STORE needs no codec, and the page stays the only thread holding the data.
	const zip = new ZipWriter(target, { level: 0, useWebWorkers: false });
	try {
		for await (const entry of entries) await zip.add(entry.path, entry.data.stream());
		await zip.close();
	} catch (e) {
		if (!target.locked) await target.abort(e).catch(() => {});
		throw e;
	}
}
