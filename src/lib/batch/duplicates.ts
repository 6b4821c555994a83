// Which picked files are already in the library (or picked twice): held back until the person
// says whether to process them again.
import { NOT_DELETED, type VideoRecord } from '$lib/db/types';

/** A file that passed intake, with its content key (null where it could not be computed). */
export interface IntakeFile {
	file: File;
	contentKey: string | null;
}

/** What the library already holds of a file. */
export type KnownVideo = Pick<
	VideoRecord,
	'id' | 'name' | 'createdAt' | 'status' | 'keyframeCount' | 'deletedAt' | 'contentKey'
>;

export interface Duplicate {
	entry: IntakeFile;
	/** The library's video of the same file, or null when it was picked twice here. */
	existing: KnownVideo | null;
	/** That video is in the Trash. */
	inTrash: boolean;
}

/**
 * Splits `incoming` into files to queue and duplicates: of a video in `library` (the newest one
 * when there are several), or of a file already `queued` or earlier in `incoming`.
 */
export function splitDuplicates(
	incoming: IntakeFile[],
	queued: IntakeFile[],
	library: KnownVideo[]
): { fresh: IntakeFile[]; duplicates: Duplicate[] } {
	const known = new Map<string, KnownVideo>();
	for (const v of library) {
		const seen = v.contentKey ? known.get(v.contentKey) : undefined;
		if (v.contentKey && (!seen || v.createdAt > seen.createdAt)) known.set(v.contentKey, v);
	}
	const picked = new Set(queued.map((q) => q.contentKey).filter((k) => k !== null));
	const fresh: IntakeFile[] = [];
	const duplicates: Duplicate[] = [];
	for (const entry of incoming) {
		const key = entry.contentKey;
		const existing = key === null ? undefined : known.get(key);
		if (existing) {
			duplicates.push({ entry, existing, inTrash: existing.deletedAt !== NOT_DELETED });
		} else if (key !== null && picked.has(key)) {
			duplicates.push({ entry, existing: null, inTrash: false });
		} else {
			fresh.push(entry);
			if (key !== null) picked.add(key);
		}
	}
	return { fresh, duplicates };
}
