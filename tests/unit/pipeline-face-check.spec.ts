import { describe, expect, it } from 'vitest';
import { plausibleFace } from '$lib/pipeline/face-check';
import type { FaceBox, Point } from '$lib/pipeline/types';

const box = (keypoints: Point[]): FaceBox => ({
	x: 100,
	y: 100,
	width: 100,
	height: 100,
	score: 0.9,
	keypoints
});
const eyesAndNose = [
	{ x: 130, y: 135 },
	{ x: 170, y: 135 },
	{ x: 150, y: 160 }
];

describe('plausibleFace', () => {
	it('accepts eyes apart and the nose tip inside the box', () => {
		expect(plausibleFace(box(eyesAndNose))).toBe(true);
	});

	it('accepts a half profile with the eyes close together', () => {
		expect(
			plausibleFace(
				box([
					{ x: 137, y: 140 },
					{ x: 150, y: 133 },
					{ x: 131, y: 165 }
				])
			)
		).toBe(true);
	});

	it('drops a box whose eyes collapsed onto one spot', () => {
		expect(
			plausibleFace(
				box([
					{ x: 150, y: 140 },
					{ x: 152, y: 140 },
					{ x: 150, y: 160 }
				])
			)
		).toBe(false);
	});

	it('drops a box with a keypoint thrown outside it', () => {
		expect(plausibleFace(box([eyesAndNose[0], eyesAndNose[1], { x: 150, y: 260 }]))).toBe(false);
	});

	it('drops a box without eye and nose keypoints', () => {
		expect(plausibleFace(box([]))).toBe(false);
		expect(plausibleFace(box(eyesAndNose.slice(0, 2)))).toBe(false);
	});
});
