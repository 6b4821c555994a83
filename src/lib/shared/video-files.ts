// Which files are videos before their bytes are read, and what a picked folder contributes:
// every video inside it, a count of the rest, and its name for the batch. Files picked one by
// one are all kept: intake checks them and says why one is refused.

/** Containers we read (by name), for the file picker and for folders. */
export const VIDEO_EXTENSIONS = [
	'mp4',
	'm4v',
	'mov',
	'webm',
	'mkv',
	'avi',
	'ts',
	'flv',
	'wmv',
	'3gp',
	'mpg',
	'mpeg',
	'ogv'
] as const;

/** The `accept` of a video file input. */
export const VIDEO_ACCEPT = ['video/*', ...VIDEO_EXTENSIONS.map((e) => `.${e}`)].join(',');

export function isVideoFile(name: string, type: string): boolean {
	if (type.startsWith('video/')) return true;
	const ext = /\.([^./]+)$/.exec(name)?.[1]?.toLowerCase();
	return (VIDEO_EXTENSIONS as readonly string[]).includes(ext ?? '');
}

/** A file as picked: alone (`folder` null) or somewhere inside a picked folder. */
export interface PickedFile {
	file: File;
	/** The name of the picked (top) folder it was found in, or null. */
	folder: string | null;
}

export interface SortedPicks {
	files: File[];
	/** Files in folders that are not videos (hidden files such as .DS_Store are not counted). */
	skipped: number;
	/** The folder's name when exactly one folder was picked: the batch's default name. */
	folder: string | null;
}

export function sortPicks(picked: readonly PickedFile[]): SortedPicks {
	const files: File[] = [];
	const folders = new Set<string>();
	let skipped = 0;
	for (const { file, folder } of picked) {
		if (folder !== null) folders.add(folder);
		if (folder === null || isVideoFile(file.name, file.type)) files.push(file);
		else if (!file.name.startsWith('.')) skipped++;
	}
	return { files, skipped, folder: folders.size === 1 ? [...folders][0] : null };
}
