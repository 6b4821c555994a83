// Incremental clustering of faces into persons. Each new face joins the person whose centre is
// nearest, if within SAME_PERSON_DISTANCE, else starts a new person; the centre is the running
// mean of its faces. Merge rule: afterwards, two persons whose centres lie within that distance
// are one (the one with fewer faces joins the other), unless both were named by the user —
// naming is a person's say that they are distinct. Pure: plain data in, plain data out.
import { cosineDistance, weightedMean, type Embedding } from './embedding';

/**
 * Cosine distance up to which two faces are the same person (face-api's 128-d ResNet, aligned
 * on the eyes). Measured on people_two.mp4 and the reference photos: one person's faces lay
 * within 0.06 of each other, the two people's at least 0.168 apart; this is about midway,
 * a little towards the lenient side, as other footage varies more than five still photos.
 */
export const SAME_PERSON_DISTANCE = 0.12;

export interface PersonCentre {
	id: string;
	centroid: Embedding;
	/** Faces that made the centre. */
	count: number;
	named: boolean;
}

export interface FaceToPlace {
	id: string;
	embedding: Embedding;
}

export interface Clustering {
	/** Every person after placing the faces (new ones included, merged ones gone). */
	persons: PersonCentre[];
	/** Face id → person id. */
	placed: Map<string, string>;
	/** Person id → the person it was merged into (for faces placed before). */
	merged: Map<string, string>;
}

/** The nearest of `persons` to `embedding` and its distance, or null when there is none. */
export function nearestPerson<P extends { centroid: Embedding }>(
	persons: readonly P[],
	embedding: Embedding
): { person: P; distance: number } | null {
	let best: { person: P; distance: number } | null = null;
	for (const person of persons) {
		const distance = cosineDistance(person.centroid, embedding);
		if (!best || distance < best.distance) best = { person, distance };
	}
	return best;
}

export function placeFaces(
	existing: readonly PersonCentre[],
	faces: readonly FaceToPlace[],
	newId: () => string,
	threshold = SAME_PERSON_DISTANCE
): Clustering {
	const persons = existing.map((p) => ({ ...p }));
	const placed = new Map<string, string>();
	for (const face of faces) {
		const near = nearestPerson(persons, face.embedding);
		if (near && near.distance <= threshold) {
			const p = near.person;
			p.centroid = weightedMean(p.centroid, p.count, face.embedding, 1);
			p.count += 1;
			placed.set(face.id, p.id);
		} else {
			const id = newId();
			persons.push({ id, centroid: face.embedding, count: 1, named: false });
			placed.set(face.id, id);
		}
	}
	const merged = mergeClose(persons, threshold);
	for (const [faceId, personId] of placed) placed.set(faceId, finalId(merged, personId));
	return { persons, placed, merged };
}

/** Merges the closest allowed pair while one is within `threshold`; `persons` is changed. */
function mergeClose(persons: PersonCentre[], threshold: number): Map<string, string> {
	const merged = new Map<string, string>();
	for (;;) {
		let pair: [number, number] | null = null;
		let closest = threshold;
		for (let i = 0; i < persons.length; i++) {
			for (let j = i + 1; j < persons.length; j++) {
				if (persons[i].named && persons[j].named) continue;
				const d = cosineDistance(persons[i].centroid, persons[j].centroid);
				if (d <= closest) [closest, pair] = [d, [i, j]];
			}
		}
		if (!pair) return merged;
		const [i, j] = pair;
		const [keep, gone] = persons[j].count > persons[i].count ? [j, i] : [i, j];
		const k = persons[keep];
		const g = persons[gone];
		k.centroid = weightedMean(k.centroid, k.count, g.centroid, g.count);
		k.count += g.count;
		k.named ||= g.named;
		merged.set(g.id, k.id);
		persons.splice(gone, 1);
	}
}

function finalId(merged: Map<string, string>, id: string): string {
	let current = id;
	while (merged.has(current)) current = merged.get(current)!;
	return current;
}
