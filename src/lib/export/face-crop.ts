// One face cut out of a full-size keyframe, re-encoded as JPEG (the crop is new pixels).
import type { Rect } from '$lib/pipeline/types';

const CROP_QUALITY = 0.92;

export async function cropJpeg(image: Blob, crop: Rect): Promise<Blob> {
	const bitmap = await createImageBitmap(image, crop.x, crop.y, crop.width, crop.height);
	try {
		const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
		canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
		return await canvas.convertToBlob({ type: 'image/jpeg', quality: CROP_QUALITY });
	} finally {
		bitmap.close();
	}
}
