// A sampled frame's faces measured: each face's own sharpness, the frame's from its best face.
import { expect, it } from 'vitest';
import type { FaceBox } from '$lib/pipeline/types';
import { measureFrame } from '../../src/workers/analyze-frame';

const W = 64;
const H = 32;

/** Left half a fine checkerboard (sharp), right half flat grey (no detail at all). */
function halfSharp() {
	const data = new Uint8Array(W * H);
	for (let y = 0; y < H; y++)
		for (let x = 0; x < W; x++) data[y * W + x] = x < W / 2 ? ((x + y) % 2) * 255 : 128;
	return { width: W, height: H, data };
}

/** A plausible face box of side `size` at (x, y), in source pixels (twice the gray's). */
function face(x: number, y: number, size: number): FaceBox {
	const k = (fx: number, fy: number) => ({ x: x + fx * size, y: y + fy * size });
	return {
		x,
		y,
		width: size,
		height: size,
		score: 0.9,
		keypoints: [k(0.3, 0.4), k(0.7, 0.4), k(0.5, 0.6)]
	};
}

it('measures each face on its own region; the frame takes its best face’s', () => {
	const source = { width: W * 2, height: H * 2 };
	const onDetail = face(4, 8, 40);
	const onFlat = face(72, 4, 56); // larger: the best face
	const frame = measureFrame(
		{ frameIndex: 0, timeSec: 0, gray: halfSharp() },
		[onDetail, onFlat],
		source
	)!;
	const [detail, flat] = frame.faces;
	expect(detail.sharpness).toBeGreaterThan(0.5);
	expect(flat.sharpness).toBe(0);
	expect(frame.sharpness).toBe(flat.sharpness);
});

it('is nothing without a plausible face', () => {
	const noEyes = { ...face(4, 8, 40), keypoints: [] };
	expect(
		measureFrame({ frameIndex: 0, timeSec: 0, gray: halfSharp() }, [noEyes], {
			width: W * 2,
			height: H * 2
		})
	).toBeNull();
});
