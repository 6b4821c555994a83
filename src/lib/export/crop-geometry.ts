// Where a face crop is cut and how large it comes out, from plain data. The face's box grows by
// the padding on each side; a fixed shape then widens or heightens it around the face's centre to
// that ratio, shrinks it where the picture is too small and slides it inside the picture (so the
// shape holds); the face's own shape is cut at the picture's edge instead, as crops always were.
import type { Rect } from '$lib/pipeline/types';
import { CROP_ASPECT, type CropOptions, type CropSize } from '$lib/settings/export-options';

export interface Size {
	width: number;
	height: number;
}

export function cropRect(face: Rect, picture: Size, options: CropOptions): Rect {
	const pad = options.paddingPercent / 100;
	const cx = face.x + face.width / 2;
	const cy = face.y + face.height / 2;
	let w = face.width * (1 + 2 * pad);
	let h = face.height * (1 + 2 * pad);
	if (options.shape === 'face') {
		const mx = face.width * pad;
		const my = face.height * pad;
		const x = Math.max(0, Math.floor(face.x - mx));
		const y = Math.max(0, Math.floor(face.y - my));
		return {
			x,
			y,
			width: Math.max(1, Math.min(picture.width, Math.ceil(face.x + face.width + mx)) - x),
			height: Math.max(1, Math.min(picture.height, Math.ceil(face.y + face.height + my)) - y)
		};
	}
	const aspect = CROP_ASPECT[options.shape];
	if (w / h < aspect) w = h * aspect;
	else h = w / aspect;
	const fit = Math.min(1, picture.width / w, picture.height / h);
	const width = Math.min(picture.width, Math.max(1, Math.round(w * fit)));
	const height = Math.min(picture.height, Math.max(1, Math.round(h * fit)));
	const clamp = (v: number, max: number) => Math.min(max, Math.max(0, Math.round(v)));
	return {
		x: clamp(cx - width / 2, picture.width - width),
		y: clamp(cy - height / 2, picture.height - height),
		width,
		height
	};
}

/**
 * The crop's size in the ZIP: its own pixels ('original'), or its longer side scaled to `size`
 * (up or down) with a fixed shape's exact ratio, else the crop's own.
 */
export function cropOutputSize(
	crop: Rect,
	options: { shape: CropOptions['shape']; size: CropSize }
): Size {
	if (options.size === 'original') return { width: crop.width, height: crop.height };
	const aspect = options.shape === 'face' ? crop.width / crop.height : CROP_ASPECT[options.shape];
	const long = options.size;
	return aspect >= 1
		? { width: long, height: Math.max(1, Math.round(long / aspect)) }
		: { width: Math.max(1, Math.round(long * aspect)), height: long };
}
