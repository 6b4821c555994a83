import Dexie, { type IndexableTypeArray, type IndexableTypePart } from 'dexie';

/**
 * Bounds for `where(compoundIndex).between(lower, upper, true, true)` covering every key that
 * starts with `prefix`, e.g. all keyframes of one video in `[videoId+frameIndex]`.
 */
export function withPrefix(
	...prefix: IndexableTypePart[]
): [IndexableTypeArray, IndexableTypeArray] {
	return [
		[...prefix, Dexie.minKey],
		[...prefix, Dexie.maxKey]
	];
}
