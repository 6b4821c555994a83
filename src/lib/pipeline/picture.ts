// A decoded frame as the sampler receives it, and the cheap views of it the pipeline needs:
// a tiny luma grid (does this frame need a detection?), gray and the detector's input at analysis
// size, and a full copy held for extraction. Decoders hand over full-size planar YUV where they can; the
// canvas path (rotated or unusual formats) hands over RGBA already at analysis size.
import { inputTaps, modelInput, type ModelInput, type Taps } from './blazeface';
import type { GrayImage } from './types';
import { colourCoefficients, fitWithin, type YuvFrame } from './yuv-to-rgba';

export interface RgbaImage {
	width: number;
	height: number;
	data: Uint8ClampedArray<ArrayBuffer>;
}

export type Picture = { kind: 'yuv'; frame: YuvFrame } | { kind: 'rgba'; image: RgbaImage };

function pictureSize(p: Picture): { width: number; height: number } {
	return p.kind === 'yuv' ? p.frame : p.image;
}

/** Cells of the luma grid that tells frames apart: 16×9, about one cell per 80 px at 720p. */
export const GRID_COLUMNS = 16;
export const GRID_ROWS = 9;
/** Every 4th pixel of every 4th row: ~57k reads at 720p, enough to average out noise. */
const GRID_STEP = 4;

/** Mean brightness (0..255) of each grid cell, row-major. */
export function lumaGrid(p: Picture): Float32Array {
	const { width, height } = pictureSize(p);
	const sums = new Float64Array(GRID_COLUMNS * GRID_ROWS);
	const counts = new Uint32Array(GRID_COLUMNS * GRID_ROWS);
	const yuv = p.kind === 'yuv' ? p.frame : null;
	const rgba = p.kind === 'rgba' ? p.image.data : null;
	const plane = yuv?.layout[0];
	// Each read column's cell, worked out once rather than per row.
	const columns = new Uint8Array(Math.ceil(width / GRID_STEP));
	for (let k = 0; k < columns.length; k++)
		columns[k] = Math.min(GRID_COLUMNS - 1, Math.floor((k * GRID_STEP * GRID_COLUMNS) / width));
	for (let y = 0; y < height; y += GRID_STEP) {
		const row = Math.min(GRID_ROWS - 1, Math.floor((y * GRID_ROWS) / height)) * GRID_COLUMNS;
		if (yuv && plane) {
			const base = plane.offset + y * plane.stride;
			for (let k = 0, x = 0; x < width; k++, x += GRID_STEP) {
				sums[row + columns[k]] += yuv.data[base + x];
				counts[row + columns[k]]++;
			}
			continue;
		}
		for (let k = 0, x = 0; x < width; k++, x += GRID_STEP) {
			const i = (y * width + x) * 4;
			sums[row + columns[k]] += (77 * rgba![i] + 150 * rgba![i + 1] + 29 * rgba![i + 2]) >> 8;
			counts[row + columns[k]]++;
		}
	}
	return Float32Array.from(sums, (s, i) => (counts[i] ? s / counts[i] : 0));
}

/** Mean absolute difference of two luma grids, in brightness levels. */
export function gridDistance(a: Float32Array, b: Float32Array): number {
	let sum = 0;
	for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
	return sum / a.length;
}

/**
 * The source span [start, end) of each of `out` cells over `len` pixels: at least one pixel each,
 * so a plane smaller than the output (chroma at half size) is sampled, not divided by zero.
 */
function cellSpans(len: number, out: number): { start: Int32Array; end: Int32Array } {
	const start = new Int32Array(out);
	const end = new Int32Array(out);
	for (let i = 0; i < out; i++) {
		start[i] = Math.min(len - 1, Math.floor((i * len) / out));
		end[i] = Math.max(start[i] + 1, Math.min(len, Math.floor(((i + 1) * len) / out)));
	}
	return { start, end };
}

/**
 * Scratch arrays for the steps inside one call of `analysisViews`, kept between calls: Chromium
 * takes milliseconds to allocate (and zero) arrays of a megabyte, as often as frames come.
 */
let scratchLuma = new Float32Array(0);
let scratchRgba = new Uint8ClampedArray(0);

/** Area average of one plane (`step` 2 for interleaved chroma) down to `outW`×`outH`. */
function areaPlane(
	data: Uint8Array,
	offset: number,
	stride: number,
	step: number,
	inW: number,
	inH: number,
	outW: number,
	outH: number
): Float32Array {
	if (scratchLuma.length < outW * outH) scratchLuma = new Float32Array(outW * outH);
	const out = scratchLuma;
	if (inW === outW * 2 && inH === outH * 2) {
		// The common step (720p to 640 px): 2×2 cells, 1.0 instead of 2.8 ms a frame (Node).
		const d = step * 2;
		for (let oy = 0; oy < outH; oy++) {
			let a = offset + oy * 2 * stride;
			let b = a + stride;
			const o = oy * outW;
			for (let ox = 0; ox < outW; ox++, a += d, b += d)
				out[o + ox] = (data[a] + data[a + step] + data[b] + data[b + step]) * 0.25;
		}
		return out;
	}
	const xs = cellSpans(inW, outW);
	const ys = cellSpans(inH, outH);
	const row = new Float64Array(outW);
	for (let oy = 0; oy < outH; oy++) {
		row.fill(0);
		for (let y = ys.start[oy]; y < ys.end[oy]; y++) {
			const base = offset + y * stride;
			for (let ox = 0; ox < outW; ox++) {
				const x1 = xs.end[ox];
				let sum = 0;
				for (let x = xs.start[ox]; x < x1; x++) sum += data[base + x * step];
				row[ox] += sum;
			}
		}
		const rows = ys.end[oy] - ys.start[oy];
		const o = oy * outW;
		for (let ox = 0; ox < outW; ox++) out[o + ox] = row[ox] / (rows * (xs.end[ox] - xs.start[ox]));
	}
	return out;
}

/**
 * What the analysis needs of a YUV frame, in one pass: its luma at most `longSide`, area-averaged
 * (every source pixel counts, so small faces survive the step down without aliasing), in full
 * range — the gray that sharpness and the hash are measured on — and the detector's letterboxed
 * input, sampled from that picture's colours. Colours are converted only where the input's
 * bilinear taps read them (about a third of the picture): the input equals the one made from the
 * whole RGBA picture, which this skips. `into`: buffers of the right lengths to write the gray
 * and the input into (every element), for a caller that reuses them.
 */
export function analysisViews(
	frame: YuvFrame,
	longSide: number,
	inputSize: number,
	into: { gray?: Uint8ClampedArray; tensor?: Float32Array<ArrayBuffer> } = {}
): { gray: GrayImage; input: ModelInput } {
	const { width, height } = fitWithin(frame.width, frame.height, longSide);
	const { data, layout } = frame;
	const c = colourCoefficients(frame.matrix, frame.fullRange);
	const Y = areaPlane(
		data,
		layout[0].offset,
		layout[0].stride,
		1,
		frame.width,
		frame.height,
		width,
		height
	);
	const gray = into.gray ?? new Uint8ClampedArray(width * height);
	const { yOffset, ys: yScale } = c;
	for (let i = 0; i < gray.length; i++) gray[i] = (Y[i] - yOffset) * yScale;

	const nv12 = frame.format === 'NV12';
	const step = nv12 ? 2 : 1;
	const cw = (frame.width + 1) >> 1;
	const ch = (frame.height + 1) >> 1;
	const uPlane = layout[1];
	const vPlane = nv12 ? { offset: layout[1].offset + 1, stride: layout[1].stride } : layout[2];
	const xs = cellSpans(cw, width);
	const ys = cellSpans(ch, height);
	const taps = inputTaps(inputSize, width, height);
	const columns = tapped(taps.x, width);
	// Only the tapped pixels are written, and only they are read.
	if (scratchRgba.length < width * height * 4)
		scratchRgba = new Uint8ClampedArray(width * height * 4);
	const rgba = scratchRgba;
	const { rv, gu, gv, bu } = c;
	// The common step (720p to 640 px) leaves one chroma sample per pixel: read it directly.
	const oneToOne = cw === width && ch === height;
	for (const y of tapped(taps.y, height)) {
		const rows = ys.end[y] - ys.start[y];
		for (const x of columns) {
			let u = 0;
			let v = 0;
			if (oneToOne) {
				u = data[uPlane.offset + y * uPlane.stride + x * step] - 128;
				v = data[vPlane.offset + y * vPlane.stride + x * step] - 128;
			} else {
				for (let sy = ys.start[y]; sy < ys.end[y]; sy++) {
					const ub = uPlane.offset + sy * uPlane.stride;
					const vb = vPlane.offset + sy * vPlane.stride;
					for (let sx = xs.start[x]; sx < xs.end[x]; sx++) {
						u += data[ub + sx * step];
						v += data[vb + sx * step];
					}
				}
				const n = rows * (xs.end[x] - xs.start[x]);
				u = u / n - 128;
				v = v / n - 128;
			}
			const i = y * width + x;
			const l = (Y[i] - yOffset) * yScale;
			const o = i * 4;
			rgba[o] = l + rv * v;
			rgba[o + 1] = l - gu * u - gv * v;
			rgba[o + 2] = l + bu * u;
		}
	}
	return {
		gray: { width, height, data: gray },
		input: modelInput({ width, height, data: rgba }, inputSize, taps, into.tensor)
	};
}

/** The distinct picture indices that some tap reads. */
function tapped(taps: Taps, length: number): number[] {
	const seen = new Uint8Array(length);
	for (let o = 0; o < taps.i0.length; o++) {
		if (taps.w0[o] > 0) seen[taps.i0[o]] = 1;
		if (taps.w1[o] > 0) seen[taps.i1[o]] = 1;
	}
	const out: number[] = [];
	for (let i = 0; i < length; i++) if (seen[i]) out.push(i);
	return out;
}

/**
 * A copy of a YUV picture that outlives the decoder's buffer (for extraction at full size), in
 * `into` (at least the picture's bytes; its start is used).
 */
export function copyYuv(frame: YuvFrame, into: Uint8Array): YuvFrame {
	const data = into.subarray(0, frame.data.byteLength);
	data.set(frame.data);
	return { ...frame, data };
}
