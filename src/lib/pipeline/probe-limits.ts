// What a stream must look like before any frame buffer is allocated for it: a size the device
// can decode, a duration and frame count that make sense. Checked on every decoder's probe.
import type { Notice } from './notice';

/** Longest side a stream may have (browsers' decoders and canvases stop around here). */
export const MAX_SIDE = 8192;
/** Largest decoded frame, as the decoder holds it (YUV 4:2:0: 1.5 bytes a pixel); 8K UHD fits. */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;
/** Longer than a day is a broken header, not a video to sample. */
export const MAX_DURATION_SEC = 24 * 3600;
/** A day at 240 fps: more frames than that is a broken header too. */
export const MAX_FRAME_COUNT = MAX_DURATION_SEC * 240;

export interface ProbedStream {
	width: number;
	height: number;
	durationSec: number;
	frameCount: number;
}

/** Null when the stream may be decoded; otherwise why not. */
export function streamRefusal(p: ProbedStream): Notice | null {
	const { width, height } = p;
	if (!(width > 0 && height > 0)) return { code: 'damaged' };
	if (width > MAX_SIDE || height > MAX_SIDE || width * height * 1.5 > MAX_FRAME_BYTES) {
		return { code: 'frame-too-large', width, height, max: MAX_SIDE };
	}
	if (!(p.durationSec > 0) || p.durationSec > MAX_DURATION_SEC) {
		return { code: 'bad-duration' };
	}
	if (!(p.frameCount > 0) || p.frameCount > MAX_FRAME_COUNT) return { code: 'bad-duration' };
	return null;
}
