import { describe, expect, it } from 'vitest';
import { chipTransform, CHIP_EYES, type Affine } from '$lib/people/align';
import type { FaceBox } from '$lib/pipeline/types';

const SIZE = 150;

/** Where `p` lands under `m` (as canvas setTransform maps it). */
function applyAffine(m: Affine, p: { x: number; y: number }) {
	return { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f };
}

function face(right: { x: number; y: number }, left: { x: number; y: number }): FaceBox {
	return { x: 0, y: 0, width: 100, height: 100, score: 0.9, keypoints: [right, left] };
}

function close(p: { x: number; y: number }, x: number, y: number) {
	expect(p.x).toBeCloseTo(x, 6);
	expect(p.y).toBeCloseTo(y, 6);
}

const eyes = {
	right: { x: SIZE / 2 - (CHIP_EYES.gap * SIZE) / 2, y: CHIP_EYES.y * SIZE },
	left: { x: SIZE / 2 + (CHIP_EYES.gap * SIZE) / 2, y: CHIP_EYES.y * SIZE }
};

describe('chipTransform', () => {
	it('puts level eyes on the template, whatever their size and place', () => {
		const f = face({ x: 300, y: 200 }, { x: 380, y: 200 });
		const m = chipTransform(f, SIZE);
		close(applyAffine(m, f.keypoints[0]), eyes.right.x, eyes.right.y);
		close(applyAffine(m, f.keypoints[1]), eyes.left.x, eyes.left.y);
	});

	it('levels a tilted head (the subject’s right eye stays on the image’s left)', () => {
		const f = face({ x: 100, y: 100 }, { x: 160, y: 160 });
		const m = chipTransform(f, SIZE);
		close(applyAffine(m, f.keypoints[0]), eyes.right.x, eyes.right.y);
		close(applyAffine(m, f.keypoints[1]), eyes.left.x, eyes.left.y);
		// A similarity: no shear, equal scale on both axes.
		expect(m.a).toBeCloseTo(m.d, 9);
		expect(m.b).toBeCloseTo(-m.c, 9);
	});

	it('without eye keypoints, centres the box with a margin', () => {
		const f: FaceBox = { x: 50, y: 80, width: 100, height: 100, score: 0.9, keypoints: [] };
		const m = chipTransform(f, SIZE);
		close(applyAffine(m, { x: 100, y: 130 }), SIZE / 2, SIZE / 2);
		const corner = applyAffine(m, { x: 50, y: 80 });
		expect(corner.x).toBeGreaterThan(0);
		expect(corner.x).toBeLessThan(SIZE / 4);
	});

	it('treats eyes on one spot as no eyes', () => {
		const f = face({ x: 10, y: 10 }, { x: 10.5, y: 10 });
		expect(chipTransform(f, SIZE)).toEqual(chipTransform({ ...f, keypoints: [] }, SIZE));
	});
});
