// The files a drop or a file input hands over, with the folder each came from (see
// shared/video-files.ts): a dropped folder is read recursively through the File System entries.
import type { PickedFile } from '$lib/shared/video-files';

/** Every file below `dir`, in its subfolders too. */
async function filesBelow(dir: FileSystemDirectoryEntry): Promise<File[]> {
	const reader = dir.createReader();
	const files: File[] = [];
	// readEntries answers in chunks (100 in Chromium) until it returns an empty list.
	for (;;) {
		const entries = await new Promise<FileSystemEntry[]>((resolve, reject) =>
			reader.readEntries(resolve, reject)
		);
		if (!entries.length) return files;
		for (const entry of entries) files.push(...(await filesOf(entry)));
	}
}

async function filesOf(entry: FileSystemEntry): Promise<File[]> {
	if (entry.isDirectory) return filesBelow(entry as FileSystemDirectoryEntry);
	const file = await new Promise<File>((resolve, reject) =>
		(entry as FileSystemFileEntry).file(resolve, reject)
	);
	return [file];
}

/** Call in the drop event itself: the browser empties `data` once the handler returns. */
export function droppedFiles(data: DataTransfer): Promise<PickedFile[]> {
	const entries = [...data.items]
		.filter((item) => item.kind === 'file')
		.map((item) => item.webkitGetAsEntry());
	// Without entries (an old browser, or files that are not on disk) only the files are known.
	if (!entries.length || entries.some((e) => e === null))
		return Promise.resolve([...data.files].map((file) => ({ file, folder: null })));
	return Promise.all(
		entries.map(async (entry) => {
			const folder = entry!.isDirectory ? entry!.name : null;
			return (await filesOf(entry!)).map((file) => ({ file, folder }));
		})
	).then((lists) => lists.flat());
}

/** A file input's files; those of a folder input (webkitdirectory) name their top folder. */
export function inputFiles(input: HTMLInputElement): PickedFile[] {
	return [...(input.files ?? [])].map((file) => {
		const path = file.webkitRelativePath;
		return { file, folder: path.includes('/') ? path.slice(0, path.indexOf('/')) : null };
	});
}
