// A sampling pass whose chunks (planned ahead: chunk-plan.ts) are decoded two at a time: the
// helper thread takes every other chunk while this thread decodes the one before it, and the
// helper's frames are handed over once that one is done, so frames still go over in order. Where
// a chunk does not come out as planned, or the helper fails, the pass stops here and its caller
// goes on one chunk at a time from the last frame handed over.
import type { PlannedChunk } from '$lib/pipeline/chunk-plan';
import { HelperFailure } from './ffmpeg-helper';

/** A chunk did not give the frames planned for it (its run failed, or a frame was not the one). */
export class NotAsPlanned extends Error {}

/** A chunk under way on the helper thread. */
export interface HelpedRun {
	cancel(): void;
}

export interface AlongsideDecoding<R extends HelpedRun> {
	/** Starts the helper on `chunk`; null when the chunk is not one to give it. */
	startHelped(chunk: PlannedChunk): R | null;
	/** Decodes `chunk` on this thread (blocking it), handing its frames over as they come. */
	decodeHere(chunk: PlannedChunk, results: Promise<void>[]): void;
	/** Hands over the frames the helper decodes for `chunk`, as they arrive. */
	takeHelped(run: R, chunk: PlannedChunk, results: Promise<void>[]): Promise<void>;
	/**
	 * After each chunk: waits for `behind` (what the chunk before's frames returned), lets in
	 * what came meanwhile (detections), takes a checkpoint.
	 */
	between(behind: Promise<unknown>): Promise<void>;
}

/**
 * Runs the pass over `chunks`. What handing over a frame returned holds the pass back one chunk
 * late (the detector works through a chunk while the next decodes). True once every chunk is
 * handed over; false when it stopped early (NotAsPlanned, HelperFailure); any other error (the
 * consumer's) is thrown.
 */
export async function passAlongside<R extends HelpedRun>(
	chunks: readonly PlannedChunk[],
	decoding: AlongsideDecoding<R>
): Promise<boolean> {
	let helped = null as { index: number; run: R } | null;
	let behind: Promise<void>[] = [];
	let results: Promise<void>[] = [];
	try {
		for (let i = 0; i < chunks.length; i++) {
			const chunk = chunks[i]!;
			results = [];
			if (helped?.index === i) {
				const { run } = helped;
				helped = null;
				await decoding.takeHelped(run, chunk, results);
			} else {
				const next = chunks[i + 1];
				const run = next ? decoding.startHelped(next) : null;
				if (run) helped = { index: i + 1, run };
				decoding.decodeHere(chunk, results);
			}
			const waiting = Promise.all(behind);
			behind = results;
			await decoding.between(waiting);
		}
		await Promise.all(behind);
		return true;
	} catch (error) {
		helped?.run.cancel();
		if (!(error instanceof NotAsPlanned || error instanceof HelperFailure)) throw error;
		await Promise.all([...behind, ...results]);
		return false;
	}
}
