import { describe, expect, it } from 'vitest';
import { placeFaces, SAME_PERSON_DISTANCE, type PersonCentre } from '$lib/people/cluster';
import { cosineDistance, meanOf, normalize, type Embedding } from '$lib/people/embedding';
import { faceOfPerson, matchPerson } from '$lib/people/match';

/** A unit vector at `degrees` in the plane of the first two axes (cos distance = 1 − cos Δ). */
function at(degrees: number): Embedding {
	const r = (degrees * Math.PI) / 180;
	return normalize([Math.cos(r), Math.sin(r), 0, 0]);
}
/** Angles within the threshold of each other (cos 20° ≈ 0.94: distance 0.06) and far apart. */
const A = [0, 10, 20];
const B = [90, 100];

function ids() {
	let n = 0;
	return () => `p${++n}`;
}

describe('embeddings', () => {
	it('measure cosine distance between unit vectors', () => {
		expect(cosineDistance(at(0), at(0))).toBeCloseTo(0, 9);
		expect(cosineDistance(at(0), at(90))).toBeCloseTo(1, 9);
		expect(meanOf([at(0), at(90)])).toEqual(at(45).map((x) => expect.closeTo(x, 9)));
	});
});

describe('placeFaces', () => {
	it('groups faces into one person per identity, however they are interleaved', () => {
		const faces = [A[0], B[0], A[1], B[1], A[2]].map((d, i) => ({ id: `f${i}`, embedding: at(d) }));
		const { persons, placed } = placeFaces([], faces, ids());
		expect(persons).toHaveLength(2);
		expect(new Set(['f0', 'f2', 'f4'].map((f) => placed.get(f)))).toHaveProperty('size', 1);
		expect(new Set(['f1', 'f3'].map((f) => placed.get(f)))).toHaveProperty('size', 1);
		expect(placed.get('f0')).not.toBe(placed.get('f1'));
		expect(persons.find((p) => p.id === placed.get('f0'))!.count).toBe(3);
	});

	it('adds to existing persons incrementally, moving their centre', () => {
		const existing: PersonCentre[] = [{ id: 'old', centroid: at(0), count: 4, named: true }];
		const { persons, placed } = placeFaces(existing, [{ id: 'f', embedding: at(10) }], ids());
		expect(placed.get('f')).toBe('old');
		expect(persons[0].count).toBe(5);
		expect(cosineDistance(persons[0].centroid, at(2))).toBeLessThan(1e-6);
	});

	it('starts a new person for a face beyond the threshold', () => {
		const existing: PersonCentre[] = [{ id: 'old', centroid: at(0), count: 1, named: false }];
		const far = Math.acos(1 - SAME_PERSON_DISTANCE * 1.5) * (180 / Math.PI);
		const { persons, placed } = placeFaces(existing, [{ id: 'f', embedding: at(far) }], ids());
		expect(persons).toHaveLength(2);
		expect(placed.get('f')).toBe('p1');
	});

	it('merges persons whose centres come within the threshold; the larger one stays', () => {
		// Two persons 36° apart (distance 0.19); a face between joins the smaller one, whose
		// centre moves to 28° (distance 0.117 from the other): one person.
		const existing: PersonCentre[] = [
			{ id: 'big', centroid: at(0), count: 5, named: false },
			{ id: 'small', centroid: at(36), count: 1, named: false }
		];
		const { persons, merged, placed } = placeFaces(
			existing,
			[{ id: 'f', embedding: at(20) }],
			ids()
		);
		expect(merged.get('small')).toBe('big');
		expect(persons.map((p) => p.id)).toEqual(['big']);
		expect(persons[0].count).toBe(7);
		expect(placed.get('f')).toBe('big');
	});

	it('never merges two persons the user named', () => {
		const existing: PersonCentre[] = [
			{ id: 'ann', centroid: at(0), count: 5, named: true },
			{ id: 'bea', centroid: at(36), count: 1, named: true }
		];
		const { persons, merged } = placeFaces(existing, [{ id: 'f', embedding: at(20) }], ids());
		expect(merged.size).toBe(0);
		expect(persons).toHaveLength(2);
	});
});

describe('matching a reference photo', () => {
	const persons = [
		{ id: 'a', centroid: at(0) },
		{ id: 'b', centroid: at(90) }
	];

	it('finds the nearest person within the threshold', () => {
		expect(matchPerson(persons, [at(85)])?.person.id).toBe('b');
		expect(matchPerson(persons, [at(170), at(5)])?.person.id).toBe('a');
	});

	it('says no match for someone else', () => {
		expect(matchPerson(persons, [at(45)])).toBeNull();
		expect(matchPerson([], [at(0)])).toBeNull();
	});

	it('picks the face of a frame that is the reference’s person', () => {
		expect(faceOfPerson([at(90), at(3)], [at(0)])).toBe(1);
		expect(faceOfPerson([at(90), at(60)], [at(0)])).toBe(-1);
	});
});
