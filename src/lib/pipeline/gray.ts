import type { GrayImage } from './types';

/** BT.601 luma with 8-bit fixed-point weights (77 + 150 + 29 = 256), rounded. */
export function rgbaToGray(
	rgba: Uint8ClampedArray | Uint8Array,
	width: number,
	height: number
): GrayImage {
	const pixels = width * height;
	if (rgba.length < pixels * 4) {
		throw new RangeError(`RGBA buffer holds ${rgba.length} bytes, need ${pixels * 4}`);
	}
	const data = new Uint8Array(pixels);
	for (let i = 0, j = 0; i < pixels; i++, j += 4) {
		data[i] = (77 * rgba[j] + 150 * rgba[j + 1] + 29 * rgba[j + 2] + 128) >> 8;
	}
	return { width, height, data };
}
