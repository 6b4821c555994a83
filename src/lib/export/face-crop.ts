// One face cut out of a full-size keyframe, scaled to its chosen size and encoded in its chosen
// format with OffscreenCanvas (the crop is new pixels).
import type { Rect } from '$lib/pipeline/types';
import type { Size } from './crop-geometry';

/** JPEG and WebP quality, as the keyframes' own JPEGs. */
const CROP_QUALITY = 0.92;

export interface CropOutput extends Size {
	/** image/jpeg, image/png or image/webp. */
	mime: string;
}

export async function cropImage(image: Blob, crop: Rect, output: CropOutput): Promise<Blob> {
	const resized = output.width !== crop.width || output.height !== crop.height;
	const bitmap = await createImageBitmap(
		image,
		crop.x,
		crop.y,
		crop.width,
		crop.height,
		resized ? { resizeWidth: output.width, resizeHeight: output.height, resizeQuality: 'high' } : {}
	);
	try {
		const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
		canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
		return await canvas.convertToBlob({ type: output.mime, quality: CROP_QUALITY });
	} finally {
		bitmap.close();
	}
}
