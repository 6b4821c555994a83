// Creating a batch: the batch row, its videos and their files in one transaction, then start.
import type { KffDatabase } from '$lib/db/database';
import type { BatchRecord } from '$lib/db/types';
import { addVideosToBatch } from '$lib/db/videos';
import type { IntakeFile } from './duplicates';
import {
	extractionPart,
	resolveConcurrency,
	type AppSettings
} from '$lib/settings/extraction-settings';

/** Default batch name: the local date and time, e.g. "2026-11-22 14:05". */
export function defaultBatchName(now = new Date()): string {
	const p = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())} ${p(now.getHours())}:${p(now.getMinutes())}`;
}

export async function createBatch(
	db: KffDatabase,
	name: string,
	files: IntakeFile[],
	settings: AppSettings,
	reference: number[][] | null = null
): Promise<BatchRecord> {
	const batch: BatchRecord = {
		id: crypto.randomUUID(),
		name: name.trim() || defaultBatchName(),
		createdAt: Date.now(),
		startedAt: null,
		completedAt: null,
		// Auto is resolved here: the batch records how many videos it ran at once.
		concurrency: resolveConcurrency(settings.concurrency),
		settings: extractionPart(settings),
		state: 'running',
		reference
	};
	await addVideosToBatch(
		db,
		batch,
		files.map(({ file, contentKey }) => ({
			file,
			name: file.name,
			size: file.size,
			type: file.type,
			contentKey
		}))
	);
	return batch;
}
