// A reference photo against the library's persons or a video's frames. Pure.
import { SAME_PERSON_DISTANCE, nearestPerson } from './cluster';
import { cosineDistance, type Embedding } from './embedding';

/** The person nearest to any of the references, if within the threshold; else null (no match). */
export function matchPerson<P extends { centroid: Embedding }>(
	persons: readonly P[],
	references: readonly Embedding[],
	threshold = SAME_PERSON_DISTANCE
): { person: P; distance: number } | null {
	let best: { person: P; distance: number } | null = null;
	for (const reference of references) {
		const near = nearestPerson(persons, reference);
		if (near && (!best || near.distance < best.distance)) best = near;
	}
	return best && best.distance <= threshold ? best : null;
}

/** The index of the face that is the referenced person, or -1 when none is. */
export function faceOfPerson(
	faces: readonly Embedding[],
	references: readonly Embedding[],
	threshold = SAME_PERSON_DISTANCE
): number {
	let best = -1;
	let bestDistance = threshold;
	faces.forEach((face, i) => {
		for (const reference of references) {
			const d = cosineDistance(face, reference);
			if (d <= bestDistance) [best, bestDistance] = [i, d];
		}
	});
	return best;
}
