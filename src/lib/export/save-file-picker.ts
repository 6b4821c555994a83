// The browser's save dialog (File System Access, Chromium only). Ask it first in the click
// handler, before any slow work: Chromium shows it only within the user's gesture (~5 s).
// Exports and backups both save through it.

/** What the dialog offers to save, e.g. a ZIP archive. */
export interface FileKind {
	/** In the reader's language. */
	description: string;
	mime: string;
	extension: string;
}

interface SaveFilePicker {
	showSaveFilePicker(options: {
		suggestedName: string;
		types: { description: string; accept: Record<string, string[]> }[];
	}): Promise<FileSystemFileHandle>;
}

export function canPickFile(): boolean {
	return typeof window !== 'undefined' && 'showSaveFilePicker' in window;
}

/** The file the person picked, open for writing; a closed dialog rejects with an `AbortError`. */
export async function pickSaveFile(
	suggestedName: string,
	kind: FileKind
): Promise<{ name: string; writable: FileSystemWritableFileStream }> {
	const handle = await (window as unknown as SaveFilePicker).showSaveFilePicker({
		suggestedName,
		types: [{ description: kind.description, accept: { [kind.mime]: [kind.extension] } }]
	});
	return { name: handle.name, writable: await handle.createWritable() };
}
