// A sampling pass cut into chunks ahead of decoding, where the packets' times place every frame
// (FrameGrid): each chunk knows its samples' indices and times before it is decoded, so two
// decoders can take chunks at once and their frames still be handed over in order. Cuts fall on
// key frames (a chunk's decoding starts at the key frame at or before its first sample), as in
// ChunkedPass, which cuts one chunk at a time where the grid is unknown.
import { lowerBound } from './lower-bound';
import { CHUNK_MIN_SEC } from './sampling-chunks';
import { MAX_SELECTED_TIMES } from './select-times';

export interface PlannedChunk {
	/** The index of the chunk's first sample, counted from the stream's first frame. */
	firstIndex: number;
	/** Its samples' times, ascending: every `sampleRate`-th frame from `firstIndex`. */
	times: number[];
}

export interface ChunkPlanOptions {
	sampleRate: number;
	/** Times of the key frames, ascending. */
	keyframes: readonly number[];
	minSec?: number;
	/** The most samples in one chunk (a chunk selects its frames by listing their times). */
	maxSamples?: number;
}

/**
 * The chunks of a pass over the sampled frames `sampledTimes` (ascending; the first has index
 * `fromIndex`, each next one `sampleRate` frames on): each runs from its first sample to just
 * before the first sample at or after the first key frame `minSec` later.
 */
export function planChunks(
	sampledTimes: readonly number[],
	fromIndex: number,
	{
		sampleRate,
		keyframes,
		minSec = CHUNK_MIN_SEC,
		maxSamples = MAX_SELECTED_TIMES
	}: ChunkPlanOptions
): PlannedChunk[] {
	const chunks: PlannedChunk[] = [];
	let k = 0;
	while (k < sampledTimes.length) {
		const cutAt = lowerBound(keyframes, sampledTimes[k]! + minSec);
		const cut = cutAt < keyframes.length ? lowerBound(sampledTimes, keyframes[cutAt]!) : Infinity;
		const end = Math.max(k + 1, Math.min(sampledTimes.length, cut, k + maxSamples));
		chunks.push({ firstIndex: fromIndex + k * sampleRate, times: sampledTimes.slice(k, end) });
		k = end;
	}
	return chunks;
}
