// Where an export's bytes go, chosen before any slow work so the browser still counts the click
// as a user gesture (Chromium allows the picker for ~5 s after it).
// - File System Access (Chromium): the file the person picks, written as the ZIP streams.
// - Otherwise (Firefox, Safari): the stream becomes a Blob that is then downloaded. The browser
//   assembles that Blob outside the page's JS heap (Chromium and Firefox spill large Blobs to
//   disk), so the ZIP is never held in script memory, let alone twice.
import { m } from '$lib/paraglide/messages';
import { downloadBlob } from './download';
import { canPickFile, pickSaveFile } from './save-file-picker';

export interface SaveTarget {
	/** The file's name: the picked one, or the download's. */
	name: string;
	/** Receives the ZIP; closing it ends the file. */
	writable: WritableStream<Uint8Array>;
	/** Resolves once the file is saved (or handed to the browser's downloads). */
	done(): Promise<void>;
}

function downloadTarget(fileName: string): SaveTarget {
	const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
	const blob = new Response(readable).blob();
	// A failed export aborts the stream; the reason reaches the caller through the writer.
	blob.catch(() => {});
	return {
		name: fileName,
		writable,
		done: async () => downloadBlob(await blob, fileName)
	};
}

/** Asks for the file first; a closed picker rejects with an `AbortError` DOMException. */
export async function openSaveTarget(fileName: string): Promise<SaveTarget> {
	if (!canPickFile()) return downloadTarget(fileName);
	const kind = { description: m.export_zip_archive(), mime: 'application/zip', extension: '.zip' };
	const { name, writable } = await pickSaveFile(fileName, kind);
	return { name, writable, done: async () => {} };
}
