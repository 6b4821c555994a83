// Where an export's bytes go, chosen before any slow work so the browser still counts the click
// as a user gesture (Chromium allows the picker for ~5 s after it).
// - File System Access (Chromium): the file the person picks, written as the ZIP streams.
// - Otherwise (Firefox, Safari): the stream becomes a Blob that is then downloaded. The browser
//   assembles that Blob outside the page's JS heap (Chromium and Firefox spill large Blobs to
//   disk), so the ZIP is never held in script memory, let alone twice.
import { m } from '$lib/paraglide/messages';
import { downloadBlob } from './download';

export interface SaveTarget {
	/** The file's name: the picked one, or the download's. */
	name: string;
	/** Receives the ZIP; closing it ends the file. */
	writable: WritableStream<Uint8Array>;
	/** Resolves once the file is saved (or handed to the browser's downloads). */
	done(): Promise<void>;
}

interface SaveFilePicker {
	showSaveFilePicker(options: {
		suggestedName: string;
		types: { description: string; accept: Record<string, string[]> }[];
	}): Promise<{ name: string; createWritable(): Promise<WritableStream<Uint8Array>> }>;
}

function hasPicker(w: Window): w is Window & SaveFilePicker {
	return 'showSaveFilePicker' in w;
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
	if (!hasPicker(window)) return downloadTarget(fileName);
	const handle = await window.showSaveFilePicker({
		suggestedName: fileName,
		types: [{ description: m.export_zip_archive(), accept: { 'application/zip': ['.zip'] } }]
	});
	const writable = await handle.createWritable();
	return { name: handle.name, writable, done: async () => {} };
}
