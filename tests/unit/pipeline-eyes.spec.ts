import { describe, expect, it } from 'vitest';
import {
	CLOSED_EAR,
	CLOSED_SHARE,
	eyeAspectRatio,
	eyesOpen,
	LANDMARK_INPUT,
	landmarkInput,
	MIN_FACE_PRESENCE,
	OPEN_EAR,
	OPEN_SHARE,
	withEyes
} from '$lib/pipeline/eyes';
import type { FaceBox, GrayImage } from '$lib/pipeline/types';

/** Face mesh landmarks (468 × x, y, z) with both eyes `width` wide and lids `gap` apart. */
function mesh(width: number, gap: number, scale = 1): Float32Array {
	const l = new Float32Array(468 * 3);
	const put = (i: number, x: number, y: number) => {
		l[i * 3] = x * scale;
		l[i * 3 + 1] = y * scale;
	};
	// [p1, p2, p3, p4, p5, p6] per eye: corners, upper lid, lower lid.
	for (const [[p1, p2, p3, p4, p5, p6], left] of [
		[[33, 160, 158, 133, 153, 144], 50],
		[[362, 385, 387, 263, 373, 380], 120]
	] as const) {
		put(p1, left, 80);
		put(p4, left + width, 80);
		put(p2, left + width / 3, 80 - gap / 2);
		put(p3, left + (2 * width) / 3, 80 - gap / 2);
		put(p6, left + width / 3, 80 + gap / 2);
		put(p5, left + (2 * width) / 3, 80 + gap / 2);
	}
	return l;
}

describe('eyeAspectRatio', () => {
	it('is the lids’ gap over the eye’s width, whatever the scale', () => {
		expect(eyeAspectRatio(mesh(30, 9))).toBeCloseTo(0.3, 6);
		expect(eyeAspectRatio(mesh(30, 9, 0.01))).toBeCloseTo(0.3, 6);
		expect(eyeAspectRatio(mesh(30, 0))).toBe(0);
	});

	it('is null when an eye has no width', () => {
		expect(eyeAspectRatio(new Float32Array(468 * 3))).toBeNull();
	});
});

describe('eyesOpen', () => {
	it('is 0 for closed eyes, 1 for open ones, linear between', () => {
		expect(eyesOpen(0.02)).toBe(0);
		expect(eyesOpen(CLOSED_EAR)).toBe(0);
		expect(eyesOpen(OPEN_EAR)).toBe(1);
		expect(eyesOpen(0.35)).toBe(1);
		expect(eyesOpen((CLOSED_EAR + OPEN_EAR) / 2)).toBeCloseTo(0.5, 10);
	});

	it('against the face’s own open eyes, a ratio well below them is a blink', () => {
		// megamind_h264.mp4's cartoon: open at ~0.34, blinking at 0.163 and 0.204.
		expect(eyesOpen(0.163)).toBe(1);
		expect(eyesOpen(0.163, 0.34)).toBe(0);
		expect(eyesOpen(0.204, 0.34)).toBe(0);
		expect(eyesOpen(0.3, 0.34)).toBe(1);
		expect(eyesOpen(0.34 * ((CLOSED_SHARE + OPEN_SHARE) / 2), 0.34)).toBeCloseTo(0.5, 10);
		// Nearly shut is closed whatever the face's usual ratio.
		expect(eyesOpen(0.08, 0.09)).toBe(0);
	});

	it('an eye mesh with lids wide apart is open; lids together, closed', () => {
		expect(eyesOpen(eyeAspectRatio(mesh(30, 8))!)).toBe(1);
		expect(eyesOpen(eyeAspectRatio(mesh(30, 1))!)).toBe(0);
	});
});

describe('landmarkInput', () => {
	// A picture whose pixels tell where they are: left half dark, right half bright.
	const gray: GrayImage = {
		width: 200,
		height: 100,
		data: Uint8ClampedArray.from({ length: 200 * 100 }, (_, i) => (i % 200 < 100 ? 0 : 255))
	};
	const face = (keypoints: FaceBox['keypoints']): FaceBox => ({
		x: 160,
		y: 60,
		width: 80,
		height: 80,
		score: 0.9,
		keypoints
	});
	const pixel = (crop: Float32Array, u: number, v: number) => crop[(v * LANDMARK_INPUT + u) * 3];

	it('crops the face square, in source pixels scaled to the picture, as RGB 0..1', () => {
		// Face centre at source (200, 100) = picture (100, 50): the dark/bright edge.
		const crop = landmarkInput(gray, face([]), 2)!;
		expect(crop).toHaveLength(LANDMARK_INPUT * LANDMARK_INPUT * 3);
		expect(pixel(crop, 10, 96)).toBe(0);
		expect(pixel(crop, 180, 96)).toBe(1);
		expect(crop[(96 * LANDMARK_INPUT + 180) * 3 + 2]).toBe(1);
	});

	it('turns the crop so the eyes lie level', () => {
		// Eyes one above the other (the head on its side, chin to the right): the edge now runs
		// across the crop, the picture's dark left half at its top.
		const crop = landmarkInput(
			gray,
			face([
				{ x: 200, y: 120 },
				{ x: 200, y: 80 }
			]),
			2
		)!;
		expect(pixel(crop, 96, 10)).toBe(0);
		expect(pixel(crop, 96, 180)).toBe(1);
	});

	it('leaves faces too small to measure', () => {
		expect(landmarkInput(gray, { ...face([]), width: 20 }, 2)).toBeNull();
	});
});

describe('withEyes', () => {
	const box = (x: number): FaceBox => ({
		x,
		y: 0,
		width: 50,
		height: 50,
		score: 0.9,
		keypoints: []
	});

	it('adds each reading’s ratio, keeps faces not read, drops those the model finds no face in', () => {
		const faces = [box(0), box(100), box(200), box(300)];
		const out = withEyes(faces, [
			{ ear: 0.25, presence: 0.99 },
			undefined,
			{ ear: 0.3, presence: MIN_FACE_PRESENCE / 2 },
			{ ear: null, presence: 0.9 }
		]);
		expect(out).toEqual([{ ...faces[0], eyeAspect: 0.25 }, faces[1], faces[3]]);
	});
});
