import { clampRegion } from './region';
import type { GrayImage, Rect } from './types';

/** pHash: a 32×32 downscale, of whose DCT the lowest 8×8 frequencies are kept. */
const SIZE = 32;
const LOW = 8;

/** COS[u][x] = cos((2x + 1)uπ / 64): the 32-point DCT-II basis, low frequencies only. */
const COS: Float64Array[] = Array.from({ length: LOW }, (_, u) =>
	Float64Array.from({ length: SIZE }, (_, x) => Math.cos(((2 * x + 1) * u * Math.PI) / (2 * SIZE)))
);

/**
 * Area-averaged 32×32 downscale: averaging every source pixel (instead of point sampling)
 * is what makes the hash stable under 1 px shifts, noise and recompression.
 */
function downscale(img: GrayImage, region?: Rect): Float64Array {
	const { x0, y0, x1, y1 } = clampRegion(img, region);
	const w = x1 - x0;
	const h = y1 - y0;
	const out = new Float64Array(SIZE * SIZE);
	if (w === 0 || h === 0) return out;
	// Cell edges in source pixels; every cell gets at least one pixel when the region is tiny.
	const edges = (len: number, origin: number) =>
		Array.from({ length: SIZE + 1 }, (_, i) => origin + Math.floor((i * len) / SIZE));
	const xs = edges(w, x0);
	const ys = edges(h, y0);
	for (let cy = 0; cy < SIZE; cy++) {
		const ya = Math.min(ys[cy], y1 - 1);
		const yb = Math.max(ys[cy + 1], ya + 1);
		for (let cx = 0; cx < SIZE; cx++) {
			const xa = Math.min(xs[cx], x1 - 1);
			const xb = Math.max(xs[cx + 1], xa + 1);
			let sum = 0;
			for (let y = ya; y < yb; y++) {
				const row = y * img.width;
				for (let x = xa; x < xb; x++) sum += img.data[row + x];
			}
			out[cy * SIZE + cx] = sum / ((yb - ya) * (xb - xa));
		}
	}
	return out;
}

/** The 8×8 lowest-frequency 2-D DCT-II coefficients (unnormalized; only their order matters). */
function lowFrequencyDct(pixels: Float64Array): Float64Array {
	// Separable: rows first (32 rows × 8 freqs), then columns.
	const rows = new Float64Array(SIZE * LOW);
	for (let y = 0; y < SIZE; y++) {
		for (let u = 0; u < LOW; u++) {
			let s = 0;
			for (let x = 0; x < SIZE; x++) s += pixels[y * SIZE + x] * COS[u][x];
			rows[y * LOW + u] = s;
		}
	}
	const out = new Float64Array(LOW * LOW);
	for (let v = 0; v < LOW; v++) {
		for (let u = 0; u < LOW; u++) {
			let s = 0;
			for (let y = 0; y < SIZE; y++) s += rows[y * LOW + u] * COS[v][y];
			out[v * LOW + u] = s;
		}
	}
	return out;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * 64-bit DCT perceptual hash as 16 hex chars: bit i is set when the i-th low-frequency
 * coefficient (row-major 8×8) exceeds the median of the 63 AC coefficients. The DC term is
 * mean brightness, not structure, so it stays out of the median (its bit is always set).
 */
export function perceptualHash(img: GrayImage, region?: Rect): string {
	const coeffs = lowFrequencyDct(downscale(img, region));
	const threshold = median(Array.from(coeffs.subarray(1)));
	let hex = '';
	for (let nibble = 0; nibble < (LOW * LOW) / 4; nibble++) {
		let bits = 0;
		for (let b = 0; b < 4; b++) bits = (bits << 1) | (coeffs[nibble * 4 + b] > threshold ? 1 : 0);
		hex += bits.toString(16);
	}
	return hex;
}

const NIBBLE_BITS = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];

/** Number of differing bits between two equal-length hex hashes. */
export function hammingDistance(a: string, b: string): number {
	if (a.length !== b.length)
		throw new RangeError(`hash lengths differ: ${a.length} vs ${b.length}`);
	let distance = 0;
	for (let i = 0; i < a.length; i++) {
		const x = parseInt(a[i], 16);
		const y = parseInt(b[i], 16);
		if (Number.isNaN(x) || Number.isNaN(y)) throw new RangeError(`not a hex hash: ${a} / ${b}`);
		distance += NIBBLE_BITS[x ^ y];
	}
	return distance;
}
