// Frame arithmetic of picking a frame by hand, on a constant-rate timeline that starts at 0 (the
// frame index the sampling pass counts): which frame a player shows at a time, where to seek to
// show frame i, and the time both decoders resolve to frame i.

/** A player shows the last frame starting at or before its time; the epsilon absorbs float error. */
export function frameAtTime(timeSec: number, fps: number): number {
	return Math.max(0, Math.floor(timeSec * fps + 1e-6));
}

/** Frame i's nominal start, the keyframe's time. */
export function frameStart(frameIndex: number, fps: number): number {
	return frameIndex / fps;
}

/**
 * A quarter frame past frame i's start: a player seeked there shows frame i; WebCodecs (the frame
 * shown at a time) and ffmpeg.wasm (the first frame after a seek half a frame earlier) both
 * decode frame i there, where the exact start could fall on either side of it by rounding.
 */
export function frameSeekTime(frameIndex: number, fps: number): number {
	return (frameIndex + 0.25) / fps;
}

/** The frame `step` frames from `frameIndex`, within 0..frameCount-1. */
export function steppedFrame(frameIndex: number, step: number, frameCount: number): number {
	return Math.min(Math.max(0, frameCount - 1), Math.max(0, frameIndex + step));
}
