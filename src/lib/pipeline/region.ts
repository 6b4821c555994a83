import type { GrayImage, Rect } from './types';

/** Integer pixel bounds [x0, x1) × [y0, y1) of a region clamped to the image (whole image if absent). */
export interface PixelBounds {
	x0: number;
	y0: number;
	x1: number;
	y1: number;
}

export function clampRegion(img: GrayImage, region?: Rect): PixelBounds {
	if (!region) return { x0: 0, y0: 0, x1: img.width, y1: img.height };
	// Floor/ceil so a fractional detector box covers every pixel it touches.
	const x0 = Math.max(0, Math.floor(region.x));
	const y0 = Math.max(0, Math.floor(region.y));
	const x1 = Math.min(img.width, Math.ceil(region.x + region.width));
	const y1 = Math.min(img.height, Math.ceil(region.y + region.height));
	return { x0, y0, x1: Math.max(x0, x1), y1: Math.max(y0, y1) };
}
