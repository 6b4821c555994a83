import { describe, expect, it } from 'vitest';
import { frontalness } from '$lib/pipeline/frontalness';
import type { FaceBox, Point } from '$lib/pipeline/types';

const face = (keypoints: Point[]): FaceBox => ({
	x: 0,
	y: 0,
	width: 100,
	height: 100,
	score: 0.9,
	keypoints
});

// Subject's right eye on the image's left. Order: right eye, left eye, nose, mouth, right ear, left ear.
const frontal = [
	{ x: 35, y: 40 },
	{ x: 65, y: 40 },
	{ x: 50, y: 55 },
	{ x: 50, y: 72 },
	{ x: 15, y: 45 },
	{ x: 85, y: 45 }
];

/** Rotates keypoints about the face centre (image roll). */
const rolled = (deg: number) => {
	const a = (deg * Math.PI) / 180;
	return frontal.map(({ x, y }) => ({
		x: 50 + (x - 50) * Math.cos(a) - (y - 50) * Math.sin(a),
		y: 50 + (x - 50) * Math.sin(a) + (y - 50) * Math.cos(a)
	}));
};

describe('frontalness', () => {
	it('a symmetric face looking at the camera scores about 1', () => {
		expect(frontalness(face(frontal))).toBeCloseTo(1, 5);
		expect(frontalness(face(frontal.slice(0, 4)))).toBeCloseTo(1, 5);
	});

	it('a turned head scores lower the further it turns', () => {
		// Head turned: nose toward one eye, the far ear tucked behind the nose line.
		const slight = face([
			frontal[0],
			frontal[1],
			{ x: 56, y: 55 },
			frontal[3],
			{ x: 20, y: 45 },
			{ x: 80, y: 45 }
		]);
		const strong = face([
			frontal[0],
			frontal[1],
			{ x: 63, y: 55 },
			frontal[3],
			{ x: 25, y: 45 },
			{ x: 66, y: 45 }
		]);
		const profile = face([
			frontal[0],
			frontal[1],
			{ x: 70, y: 55 },
			frontal[3],
			{ x: 30, y: 45 },
			{ x: 68, y: 45 }
		]);
		const f = frontalness(face(frontal));
		expect(frontalness(slight)).toBeLessThan(f);
		expect(frontalness(strong)).toBeLessThan(frontalness(slight));
		expect(frontalness(profile)).toBeLessThan(0.2);
	});

	it('uses the nose alone when ears are missing', () => {
		const turned = face([frontal[0], frontal[1], { x: 59, y: 55 }]);
		expect(frontalness(turned)).toBeCloseTo(0.4, 5);
	});

	it('a rolled head scores lower, an upside-down one 0', () => {
		expect(frontalness(face(rolled(20)))).toBeCloseTo(Math.cos(Math.PI / 9), 5);
		expect(frontalness(face(rolled(-45)))).toBeLessThan(frontalness(face(rolled(20))));
		expect(frontalness(face(rolled(180)))).toBe(0);
	});

	it('is neutral (0.75) without usable keypoints', () => {
		expect(frontalness(face([]))).toBe(0.75);
		expect(frontalness(face(frontal.slice(0, 2)))).toBe(0.75);
		expect(frontalness(face([frontal[0], frontal[0], frontal[2]]))).toBe(0.75);
	});

	it('stays within 0..1', () => {
		const wild = face([
			frontal[0],
			frontal[1],
			{ x: 200, y: 55 },
			frontal[3],
			{ x: 90, y: 45 },
			{ x: 10, y: 45 }
		]);
		expect(frontalness(wild)).toBe(0);
	});
});
