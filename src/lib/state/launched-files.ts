// Files the system hands to the installed app: opened with it ("Open with", the manifest's
// file_handlers, through launchQueue, in installed Chromium apps only) or shared to it (the
// manifest's share_target, kept by the service worker in share-inbox.ts).
import { SHARE_PARAM, takeShare } from '$lib/share-inbox';

/** The part of the File Handling API used here (not in TypeScript's DOM types yet). */
interface LaunchParams {
	readonly files?: readonly FileSystemHandle[];
}
interface LaunchQueue {
	setConsumer(consumer: (params: LaunchParams) => void): void;
}

/** Calls `take` with the files of every launch; does nothing where launchQueue does not exist. */
export function onLaunchedFiles(take: (files: File[]) => Promise<void>): void {
	const queue = (window as { launchQueue?: LaunchQueue }).launchQueue;
	queue?.setConsumer((params) => {
		const handles = (params.files ?? []).filter(
			(h): h is FileSystemFileHandle => h.kind === 'file'
		);
		if (!handles.length) return;
		Promise.all(handles.map((h) => h.getFile()))
			.then(take)
			.catch((error: unknown) => console.error('Could not open the launched files', error));
	});
}

/** The files of the share named in this page's address (taken out of the inbox), or none. */
export async function sharedFiles(): Promise<File[]> {
	const id = new URL(location.href).searchParams.get(SHARE_PARAM);
	return id ? takeShare(id) : [];
}
