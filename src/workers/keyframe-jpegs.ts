/// <reference lib="webworker" />
// A chosen frame's JPEGs: the keyframe at full size, its gallery thumbnail and, for the video's
// best frame, the video's cover. Made on the extractor's thread, and for some held frames on the
// detector's, which is idle once sampling has ended (see extract-keyframes).
import type { FaceBox } from '$lib/pipeline/types';
import { thumbnailJpeg, toJpeg, videoThumbnailJpeg } from './jpeg';

export interface KeyframeJpegs {
	image: Blob;
	thumb: Blob;
	/** The video's cover, when asked for. */
	cover: Blob | null;
}

/**
 * `cover`: false for none, else the cover is made too, around that face (undefined: the middle).
 * The encoders take their copy of the canvas at once: it may be drawn over when this returns.
 */
export async function keyframeJpegs(
	canvas: OffscreenCanvas,
	cover: FaceBox | undefined | false
): Promise<KeyframeJpegs> {
	const [image, thumb, coverJpeg] = await Promise.all([
		toJpeg(canvas),
		thumbnailJpeg(canvas),
		cover === false ? null : videoThumbnailJpeg(canvas, cover)
	]);
	return { image, thumb, cover: coverJpeg };
}
