import { describe, expect, it } from 'vitest';
import { rgbaToGray } from '$lib/pipeline/gray';
import { laplacianVariance, normalizeSharpness } from '$lib/pipeline/sharpness';
import type { GrayImage } from '$lib/pipeline/types';

function image(width: number, height: number, f: (x: number, y: number) => number): GrayImage {
	const data = new Uint8Array(width * height);
	for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = f(x, y);
	return { width, height, data };
}

/** Deterministic noise (mulberry32) so failures reproduce. */
function noise(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function boxBlur(img: GrayImage): GrayImage {
	return image(img.width, img.height, (x, y) => {
		let sum = 0;
		let n = 0;
		for (let dy = -1; dy <= 1; dy++)
			for (let dx = -1; dx <= 1; dx++) {
				const xx = x + dx;
				const yy = y + dy;
				if (xx < 0 || yy < 0 || xx >= img.width || yy >= img.height) continue;
				sum += img.data[yy * img.width + xx];
				n++;
			}
		return Math.round(sum / n);
	});
}

describe('rgbaToGray', () => {
	it('uses BT.601 weights', () => {
		const rgba = new Uint8ClampedArray([
			255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 0
		]);
		const gray = rgbaToGray(rgba, 2, 2);
		expect(gray).toMatchObject({ width: 2, height: 2 });
		expect(Array.from(gray.data)).toEqual([77, 149, 29, 255]);
	});

	it('rejects a buffer too small for the size', () => {
		expect(() => rgbaToGray(new Uint8Array(12), 2, 2)).toThrow(RangeError);
	});
});

describe('laplacianVariance', () => {
	const checker = image(32, 32, (x, y) => (((x >> 1) + (y >> 1)) % 2 ? 220 : 30));
	const random = noise(1);
	const noisy = image(64, 48, () => Math.floor(random() * 256));

	it('a flat image has zero variance', () => {
		expect(laplacianVariance(image(20, 20, () => 128))).toBe(0);
	});

	it('a checkerboard is sharper than its blurred copy', () => {
		expect(laplacianVariance(checker)).toBeGreaterThan(3 * laplacianVariance(boxBlur(checker)));
	});

	it('noise is sharper than its blurred copy', () => {
		const blurred = boxBlur(noisy);
		expect(laplacianVariance(noisy)).toBeGreaterThan(3 * laplacianVariance(blurred));
		expect(laplacianVariance(blurred)).toBeGreaterThan(0);
	});

	it('measures only the region, clamped to the image', () => {
		// Flat left half, noise on the right half.
		const r = noise(2);
		const half = image(40, 20, (x) => (x < 20 ? 90 : Math.floor(r() * 256)));
		expect(laplacianVariance(half, { x: 0, y: 0, width: 20, height: 20 })).toBe(0);
		expect(laplacianVariance(half, { x: 20, y: 0, width: 20, height: 20 })).toBeGreaterThan(0);
		// Sticking out of the image on every side still measures the right half only.
		expect(laplacianVariance(half, { x: 20, y: -10, width: 100, height: 100 })).toBe(
			laplacianVariance(half, { x: 20, y: 0, width: 20, height: 20 })
		);
		expect(laplacianVariance(half, { x: -30, y: -5, width: 50, height: 40 })).toBe(0);
	});

	it('a region smaller than 3×3 or outside the image gives 0', () => {
		expect(laplacianVariance(noisy, { x: 5, y: 5, width: 2, height: 10 })).toBe(0);
		expect(laplacianVariance(noisy, { x: 100, y: 100, width: 10, height: 10 })).toBe(0);
		// 4×4 leaves 2×2 interior pixels whose neighbours all lie in the region.
		expect(laplacianVariance(noisy, { x: 5, y: 5, width: 4, height: 4 })).toBeGreaterThan(0);
	});
});

describe('normalizeSharpness', () => {
	it('maps variance monotonically into 0..1', () => {
		const values = [0, 1, 10, 50, 100, 500, 5000, 1e7].map(normalizeSharpness);
		expect(values[0]).toBe(0);
		for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1]);
		expect(values.at(-1)).toBeLessThanOrEqual(1);
		expect(normalizeSharpness(100)).toBeCloseTo(0.5);
	});

	it('treats invalid input as unsharp', () => {
		expect(normalizeSharpness(-5)).toBe(0);
		expect(normalizeSharpness(Number.NaN)).toBe(0);
		expect(normalizeSharpness(Infinity)).toBe(1);
	});
});
