import { clampRegion } from './region';
import type { GrayImage, Rect } from './types';

/**
 * Variance of the 4-neighbour Laplacian ([0 1 0; 1 -4 1; 0 1 0], OpenCV's ksize=1) over the
 * region's interior pixels. Blur removes high frequencies, so a lower value means a softer image.
 * Returns 0 for regions smaller than 3×3 after clamping to the image.
 */
export function laplacianVariance(img: GrayImage, region?: Rect): number {
	const { x0, y0, x1, y1 } = clampRegion(img, region);
	if (x1 - x0 < 3 || y1 - y0 < 3) return 0;
	const { width: w, data } = img;
	let sum = 0;
	let sumSq = 0;
	let n = 0;
	// Only pixels whose neighbours lie inside the region, so the face box is measured on its own.
	for (let y = y0 + 1; y < y1 - 1; y++) {
		const row = y * w;
		for (let x = x0 + 1; x < x1 - 1; x++) {
			const i = row + x;
			const lap = data[i - w] + data[i + w] + data[i - 1] + data[i + 1] - 4 * data[i];
			sum += lap;
			sumSq += lap * lap;
			n++;
		}
	}
	const mean = sum / n;
	return Math.max(0, sumSq / n - mean * mean);
}

/**
 * Half-saturation point of the variance. 100 is the usual blur threshold for this kernel
 * (variance < 100 reads as blurry on ~640 px frames), so a just-acceptable face maps to 0.5,
 * clearly blurred faces (~20) to ~0.17 and crisp ones (≥ 500) to ≥ 0.83.
 */
const SHARPNESS_HALF = 100;

/** Maps a Laplacian variance to 0..1, monotonically and saturating. */
export function normalizeSharpness(v: number): number {
	if (!(v > 0)) return 0;
	if (v === Infinity) return 1;
	return v / (v + SHARPNESS_HALF);
}
