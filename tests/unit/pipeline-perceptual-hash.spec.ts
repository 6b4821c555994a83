import { describe, expect, it } from 'vitest';
import { hammingDistance, perceptualHash } from '$lib/pipeline/perceptual-hash';
import type { GrayImage } from '$lib/pipeline/types';

function image(width: number, height: number, f: (x: number, y: number) => number): GrayImage {
	const data = new Uint8ClampedArray(width * height);
	for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = f(x, y);
	return { width, height, data };
}

/** A smooth "scene": shading plus a bright ellipse and a dark bar. */
function scene(x: number, y: number): number {
	const shading = 100 + 50 * Math.sin(x / 11) * Math.cos(y / 17);
	const ellipse = ((x - 70) / 25) ** 2 + ((y - 40) / 18) ** 2 < 1 ? 80 : 0;
	const bar = x > 15 && x < 35 && y > 50 ? -60 : 0;
	return shading + ellipse + bar;
}

/** Another scene: diagonal stripes with a dark square elsewhere. */
function otherScene(x: number, y: number): number {
	const stripes = 128 + 70 * Math.sin((x + y) / 8);
	return x > 80 && y < 30 ? 20 : stripes;
}

const W = 128;
const H = 96;
const base = image(W, H, scene);

describe('perceptualHash', () => {
	it('returns 16 hex characters and is deterministic', () => {
		const hash = perceptualHash(base);
		expect(hash).toMatch(/^[0-9a-f]{16}$/);
		expect(hammingDistance(hash, perceptualHash(image(W, H, scene)))).toBe(0);
	});

	it('is stable under brightening, noise and a 1 px shift', () => {
		const hash = perceptualHash(base);
		let seed = 7;
		const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 2 - 1;
		const variants = {
			brighter: image(W, H, (x, y) => scene(x, y) + 20),
			noisy: image(W, H, (x, y) => scene(x, y) + rand() * 10),
			shifted: image(W, H, (x, y) => scene(x + 1, y)),
			shiftedDown: image(W, H, (x, y) => scene(x, y - 1))
		};
		for (const [name, variant] of Object.entries(variants)) {
			expect(hammingDistance(hash, perceptualHash(variant)), name).toBeLessThanOrEqual(6);
		}
	});

	it('tells a different picture apart', () => {
		expect(
			hammingDistance(perceptualHash(base), perceptualHash(image(W, H, otherScene)))
		).toBeGreaterThanOrEqual(20);
	});

	it('hashes a region like the cropped image', () => {
		const region = { x: 40, y: 10, width: 64, height: 64 };
		const crop = image(64, 64, (x, y) => scene(x + 40, y + 10));
		expect(perceptualHash(base, region)).toBe(perceptualHash(crop));
	});

	it('copes with regions smaller than 32 px and outside the image', () => {
		expect(perceptualHash(base, { x: 10, y: 10, width: 5, height: 7 })).toMatch(/^[0-9a-f]{16}$/);
		expect(perceptualHash(base, { x: 500, y: 500, width: 10, height: 10 })).toMatch(
			/^[0-9a-f]{16}$/
		);
	});
});

describe('hammingDistance', () => {
	it('counts differing bits', () => {
		expect(hammingDistance('0000000000000000', '0000000000000000')).toBe(0);
		expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
		expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
		expect(hammingDistance('00000000000000A0', '00000000000000a3')).toBe(2);
	});

	it('rejects mismatched or non-hex hashes', () => {
		expect(() => hammingDistance('00', '000')).toThrow(RangeError);
		expect(() => hammingDistance('0g', '00')).toThrow(RangeError);
	});
});
