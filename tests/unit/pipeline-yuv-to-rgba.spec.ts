import { describe, expect, it } from 'vitest';
import { fitWithin, packedI420, yuvToRgba, type YuvFrame } from '$lib/pipeline/yuv-to-rgba';

/** An I420 frame whose planes hold the given values (tightly packed). */
function i420(
	width: number,
	height: number,
	y: (x: number, row: number) => number,
	u: number,
	v: number,
	extra: Partial<YuvFrame> = {}
): YuvFrame {
	const cw = (width + 1) >> 1;
	const ch = (height + 1) >> 1;
	const data = new Uint8Array(width * height + 2 * cw * ch);
	for (let row = 0; row < height; row++)
		for (let x = 0; x < width; x++) data[row * width + x] = y(x, row);
	data.fill(u, width * height, width * height + cw * ch);
	data.fill(v, width * height + cw * ch);
	return { ...packedI420(data, width, height, { matrix: 'bt601', fullRange: false }), ...extra };
}

function convert(frame: YuvFrame, w: number, h: number) {
	const out = new Uint8ClampedArray(w * h * 4);
	yuvToRgba(frame, out, w, h);
	return out;
}

describe('yuvToRgba', () => {
	it('maps limited-range black and white to 0 and 255', () => {
		expect([
			...convert(
				i420(4, 4, () => 16, 128, 128),
				2,
				2
			).slice(0, 4)
		]).toEqual([0, 0, 0, 255]);
		expect([
			...convert(
				i420(4, 4, () => 235, 128, 128),
				2,
				2
			).slice(0, 4)
		]).toEqual([255, 255, 255, 255]);
	});

	it('decodes BT.601 red and BT.709 red from their own YUV values', () => {
		const red601 = convert(
			i420(2, 2, () => 81, 90, 240),
			1,
			1
		);
		expect(red601[0]).toBeGreaterThan(250);
		expect(red601[1]).toBeLessThan(4);
		expect(red601[2]).toBeLessThan(4);
		const red709 = convert(
			i420(2, 2, () => 63, 102, 240, { matrix: 'bt709' }),
			1,
			1
		);
		expect(red709[0]).toBeGreaterThan(250);
		expect(red709[1]).toBeLessThan(4);
		expect(red709[2]).toBeLessThan(4);
	});

	it('averages 2×2 blocks when halving, like a bilinear downscale', () => {
		// Columns alternate 16/235: each output pixel covers one of each, so mid grey.
		const out = convert(
			i420(8, 8, (x) => (x % 2 ? 235 : 16), 128, 128),
			4,
			4
		);
		for (let i = 0; i < out.length; i += 4) expect(out[i]).toBeCloseTo(128, -1);
	});

	it('reads NV12 (interleaved chroma) like I420', () => {
		const planar = i420(4, 2, (x) => 40 + x * 40, 90, 200);
		const data = new Uint8Array(4 * 2 + 4);
		data.set(planar.data.subarray(0, 8));
		data.set([90, 200, 90, 200], 8);
		const nv12: YuvFrame = {
			...planar,
			format: 'NV12',
			data,
			layout: [
				{ offset: 0, stride: 4 },
				{ offset: 8, stride: 4 }
			]
		};
		expect(convert(nv12, 3, 2)).toEqual(convert(planar, 3, 2));
	});

	it('honours strides wider than the picture', () => {
		const tight = i420(2, 2, (x, row) => 50 + x * 60 + row * 30, 128, 128);
		const padded: YuvFrame = {
			...tight,
			data: new Uint8Array([50, 110, 0, 0, 80, 140, 0, 0, 128, 0, 128, 0]),
			layout: [
				{ offset: 0, stride: 4 },
				{ offset: 8, stride: 2 },
				{ offset: 10, stride: 2 }
			]
		};
		expect(convert(padded, 2, 2)).toEqual(convert(tight, 2, 2));
	});
});

describe('fitWithin', () => {
	it('scales the long side down to the limit and keeps the aspect', () => {
		expect(fitWithin(1280, 720, 640)).toEqual({ width: 640, height: 360 });
		expect(fitWithin(720, 1280, 640)).toEqual({ width: 360, height: 640 });
		expect(fitWithin(480, 352, 640)).toEqual({ width: 480, height: 352 });
	});
});
