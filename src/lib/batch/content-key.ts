// A file's content key: its size and a SHA-256 of its first and last MiB. Reading 2 MiB is instant
// even for a 10 GB video, and two different videos of the same size whose first and last MiB
// match are practically unheard of, so equal keys mean the same file added again.
import type { KffDatabase } from '$lib/db/database';
import { getVideoFile, updateVideo, videosMissingContentKey } from '$lib/db/videos';

export const EDGE_BYTES = 1024 * 1024;

function hex(bytes: ArrayBuffer): string {
	return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** `size:sha256(first MiB + last MiB)`, or null where the browser has no SubtleCrypto. */
export async function contentKey(file: Blob): Promise<string | null> {
	if (typeof crypto === 'undefined' || !crypto.subtle) return null;
	const head = file.slice(0, EDGE_BYTES);
	// A small file is its own head: no tail, so it is not hashed twice.
	const tail =
		file.size > EDGE_BYTES ? file.slice(Math.max(EDGE_BYTES, file.size - EDGE_BYTES)) : null;
	const parts = tail ? [head, tail] : [head];
	const bytes = await new Blob(parts).arrayBuffer();
	return `${file.size}:${hex(await crypto.subtle.digest('SHA-256', bytes))}`;
}

/** Keys the videos stored before keys were kept, from their originals; one at a time, quietly. */
export async function fillMissingContentKeys(db: KffDatabase): Promise<number> {
	let filled = 0;
	for (const id of await videosMissingContentKey(db)) {
		const file = await getVideoFile(db, id);
		const key = file ? await contentKey(file) : null;
		if (key && (await updateVideo(db, id, { contentKey: key }))) filled++;
	}
	return filled;
}
