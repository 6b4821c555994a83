import { describe, expect, it } from 'vitest';
import {
	gridDistance,
	GRID_COLUMNS,
	GRID_ROWS,
	lumaGrid,
	analysisViews
} from '$lib/pipeline/picture';
import { inputPicture, modelInput } from '$lib/pipeline/blazeface';
import { packedI420, yuvToRgba } from '$lib/pipeline/yuv-to-rgba';

type Plane = (x: number, y: number) => number;

/** A limited-range I420 frame of `luma(x, y)`, its chroma `u`, `v` (by chroma sample) or neutral. */
function i420(width: number, height: number, luma: Plane, u: Plane = () => 128, v = u) {
	const [cw, ch] = [(width + 1) >> 1, (height + 1) >> 1];
	const data = new Uint8Array(width * height + 2 * cw * ch);
	for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = luma(x, y);
	for (let y = 0; y < ch; y++) {
		for (let x = 0; x < cw; x++) {
			data[width * height + y * cw + x] = u(x, y);
			data[width * height + cw * ch + y * cw + x] = v(x, y);
		}
	}
	return packedI420(data, width, height, { matrix: 'bt601', fullRange: false });
}

describe('lumaGrid', () => {
	it('has one mean per cell, telling a dark left half from a bright right half', () => {
		const frame = i420(320, 180, (x) => (x < 160 ? 16 : 235));
		const grid = lumaGrid({ kind: 'yuv', frame });
		expect(grid).toHaveLength(GRID_COLUMNS * GRID_ROWS);
		expect(grid[0]).toBe(16);
		expect(grid[GRID_COLUMNS - 1]).toBe(235);
	});

	it('reads RGBA pictures as BT.601 luma', () => {
		const data = new Uint8ClampedArray(64 * 36 * 4).fill(200);
		const grid = lumaGrid({ kind: 'rgba', image: { width: 64, height: 36, data } });
		for (const v of grid) expect(v).toBeCloseTo(200, 0);
	});
});

describe('gridDistance', () => {
	it('is the mean absolute difference, zero for the same picture', () => {
		const a = Float32Array.from([10, 20, 30, 40]);
		expect(gridDistance(a, a)).toBe(0);
		expect(gridDistance(a, Float32Array.from([14, 16, 30, 40]))).toBe(2);
	});
});

describe('analysisViews', () => {
	it('averages every source pixel: a 1-px checkerboard becomes flat mid-gray', () => {
		const frame = i420(64, 64, (x, y) => ((x + y) % 2 ? 16 : 235));
		const { gray, input } = analysisViews(frame, 16, 16);
		for (const v of gray.data) expect(Math.abs(v - 128)).toBeLessThanOrEqual(1);
		expect([input.width, input.height]).toEqual([16, 16]);
		for (const v of input.tensor) expect(Math.abs(v)).toBeLessThanOrEqual(2 / 255);
	});

	it("gives the detector the input it would make of the whole picture's colours", () => {
		const frame = i420(40, 20, (x, y) => 16 + ((x * 37 + y * 91) % 219));
		const whole = new Uint8ClampedArray(40 * 20 * 4);
		yuvToRgba(frame, whole, 40, 20);
		const expected = modelInput({ width: 40, height: 20, data: whole }, 32).tensor;
		const { input } = analysisViews(frame, 640, 32);
		expect([input.width, input.height]).toEqual([40, 20]);
		input.tensor.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(2 / 255));
	});

	it('gives each frame its own views, whatever size and picture came before', () => {
		const frames = [
			i420(40, 20, (x, y) => 16 + ((x * 37 + y * 91) % 219)),
			i420(64, 48, (x, y) => 16 + ((x * 13 + y * 7) % 219)),
			i420(40, 20, (x) => 16 + x * 5)
		];
		const alone = frames.map((f) => analysisViews(f, 32, 16));
		// Again in the other order, each view made after a different one.
		const after = [2, 1, 0].map((i) => [i, analysisViews(frames[i], 32, 16)] as const);
		for (const [i, views] of after) {
			expect(views.gray).toEqual(alone[i].gray);
			expect(views.input).toEqual(alone[i].input);
		}
	});

	it("shows the detector's input as a picture without its letterbox bars", () => {
		const rgba = new Uint8ClampedArray(64 * 36 * 4);
		for (let i = 0; i < rgba.length; i += 4) rgba.set([200, 100, 50, 255], i);
		const picture = inputPicture(modelInput({ width: 64, height: 36, data: rgba }, 32), 32);
		expect([picture.width, picture.height]).toEqual([32, 18]);
		for (let i = 0; i < picture.data.length; i += 4) {
			const [r, g, b, a] = picture.data.subarray(i, i + 4);
			expect([r, g, b, a]).toEqual([200, 100, 50, 255]);
		}
	});

	it('halving a frame (the common step) gives what the general area average gives', () => {
		// The same picture 3 times larger takes the general path (6×6 cells) to the same size.
		const luma = (x: number, y: number) => 16 + ((x * 37 + y * 91) % 219);
		const u = (x: number, y: number) => 40 + ((x * 11 + y * 29) % 170);
		const v = (x: number, y: number) => 200 - ((x * 17 + y * 5) % 150);
		const third =
			(f: Plane): Plane =>
			(x, y) =>
				f(Math.floor(x / 3), Math.floor(y / 3));
		const fast = analysisViews(i420(80, 40, luma, u, v), 40, 32);
		const general = analysisViews(i420(240, 120, third(luma), third(u), third(v)), 40, 32);
		expect(fast.gray).toEqual(general.gray);
		fast.input.tensor.forEach((t, i) => expect(t).toBeCloseTo(general.input.tensor[i], 5));
	});

	it('expands limited-range luma to full range at the asked size', () => {
		const { gray } = analysisViews(
			i420(128, 72, (x) => (x < 64 ? 16 : 235)),
			64,
			16
		);
		expect([gray.width, gray.height]).toEqual([64, 36]);
		expect(gray.data[0]).toBe(0);
		expect(gray.data[63]).toBe(255);
	});
});
