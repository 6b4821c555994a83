import { expect, it } from 'vitest';
import { faceKey, framesWithPerson } from '$lib/people/face-key';

it('finds the frames on which a person has a face, from faces keyed by place', () => {
	const people = new Map([
		[faceKey(0, 0), { personId: 'ann' }],
		[faceKey(0, 1), { personId: 'bea' }],
		[faceKey(12, 0), { personId: 'bea' }],
		[faceKey(120, 2), { personId: 'ann' }]
	]);
	expect([...framesWithPerson(people, 'ann')].sort((a, b) => a - b)).toEqual([0, 120]);
	expect([...framesWithPerson(people, 'bea')].sort((a, b) => a - b)).toEqual([0, 12]);
	expect(framesWithPerson(people, 'cid').size).toBe(0);
});
