import { describe, expect, it } from 'vitest';
import { cropOutputSize, cropRect } from '$lib/export/crop-geometry';
import { CROP_ASPECT, DEFAULT_CROP, type CropOptions } from '$lib/settings/export-options';

const picture = { width: 1280, height: 720 };
const face = { x: 600, y: 300, width: 100, height: 120 };
const opts = (o: Partial<CropOptions>): CropOptions => ({ ...DEFAULT_CROP, ...o });
const inside = (r: { x: number; y: number; width: number; height: number }) =>
	r.x >= 0 && r.y >= 0 && r.x + r.width <= picture.width && r.y + r.height <= picture.height;

describe('cropRect', () => {
	it("keeps the face's own box, grown by the padding and cut at the edges", () => {
		expect(cropRect(face, picture, DEFAULT_CROP)).toEqual({
			x: 570,
			y: 264,
			width: 160,
			height: 192
		});
		expect(cropRect(face, picture, opts({ paddingPercent: 0 }))).toEqual(face);
		expect(cropRect({ x: 0, y: 0, width: 100, height: 100 }, picture, DEFAULT_CROP)).toEqual({
			x: 0,
			y: 0,
			width: 130,
			height: 130
		});
	});

	it.each(['square', '4:5', '16:9'] as const)(
		'gives %s its ratio, around the face and inside the picture',
		(shape) => {
			for (const f of [
				face,
				{ x: 0, y: 0, width: 80, height: 90 },
				{ x: 1200, y: 600, width: 80, height: 120 },
				{ x: 100, y: 10, width: 600, height: 700 }
			]) {
				const r = cropRect(f, picture, opts({ shape, paddingPercent: 25 }));
				expect(inside(r)).toBe(true);
				expect(Math.abs(r.width / r.height - CROP_ASPECT[shape])).toBeLessThan(0.02);
			}
			const r = cropRect(face, picture, opts({ shape, paddingPercent: 25 }));
			// The face (with its padding) is inside the crop when the picture has room.
			expect(r.x).toBeLessThanOrEqual(face.x - 25);
			expect(r.y).toBeLessThanOrEqual(face.y - 30);
			expect(r.x + r.width).toBeGreaterThanOrEqual(face.x + face.width + 25);
			expect(r.y + r.height).toBeGreaterThanOrEqual(face.y + face.height + 30);
		}
	);
});

describe('cropOutputSize', () => {
	const crop = { x: 0, y: 0, width: 160, height: 192 };
	it('keeps its own pixels for original, else scales the longer side to the size', () => {
		expect(cropOutputSize(crop, { shape: 'face', size: 'original' })).toEqual({
			width: 160,
			height: 192
		});
		expect(cropOutputSize(crop, { shape: 'face', size: 256 })).toEqual({ width: 213, height: 256 });
		expect(cropOutputSize(crop, { shape: 'square', size: 512 })).toEqual({
			width: 512,
			height: 512
		});
		expect(cropOutputSize(crop, { shape: '4:5', size: 1024 })).toEqual({
			width: 819,
			height: 1024
		});
		expect(cropOutputSize(crop, { shape: '16:9', size: 256 })).toEqual({ width: 256, height: 144 });
	});
});
