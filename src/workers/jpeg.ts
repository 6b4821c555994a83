/// <reference lib="webworker" />
// JPEG encoding in the worker with OffscreenCanvas: the single-thread ffmpeg core aborts on
// full-resolution JPEG encodes, so frames leave ffmpeg as raw RGBA and are encoded here.
import type { Rect } from '$lib/pipeline/types';
import { VIDEO_THUMB } from '$lib/shared/thumbnail';
import type { RgbaImage } from '$lib/pipeline/picture';
import { yuvToRgba, type YuvFrame } from '$lib/pipeline/yuv-to-rgba';

export const KEYFRAME_JPEG_QUALITY = 0.92;
const THUMB_LONG_SIDE = 360;
const THUMB_QUALITY = 0.8;
/** A candidate's preview (the detector's input, ~5 kB) is encoded a little lower. */
const PREVIEW_QUALITY = 0.75;

export function rgbaCanvas(
	rgba: Uint8Array | Uint8ClampedArray,
	width: number,
	height: number
): OffscreenCanvas {
	const canvas = new OffscreenCanvas(width, height);
	const ctx = canvas.getContext('2d')!;
	ctx.putImageData(
		new ImageData(
			new Uint8ClampedArray(rgba.buffer as ArrayBuffer, rgba.byteOffset, width * height * 4),
			width,
			height
		),
		0,
		0
	);
	return canvas;
}

let scratchRgba = new Uint8ClampedArray(0);

/** A YUV frame at full size, through the converter both decoders' detection images use. */
export function yuvCanvas(frame: YuvFrame): OffscreenCanvas {
	const bytes = frame.width * frame.height * 4;
	// putImageData copies it into the canvas: one scratch serves every frame (a fresh 3.7 MB for
	// a 720p frame costs Chromium ~10 ms of page mapping, see array-pool.ts).
	if (scratchRgba.length < bytes) scratchRgba = new Uint8ClampedArray(bytes);
	yuvToRgba(frame, scratchRgba, frame.width, frame.height);
	return rgbaCanvas(scratchRgba, frame.width, frame.height);
}

export function toJpeg(canvas: OffscreenCanvas, quality = KEYFRAME_JPEG_QUALITY): Promise<Blob> {
	return canvas.convertToBlob({ type: 'image/jpeg', quality });
}

function drawScaled(
	source: OffscreenCanvas,
	from: Rect,
	width: number,
	height: number
): OffscreenCanvas {
	const canvas = new OffscreenCanvas(width, height);
	const ctx = canvas.getContext('2d')!;
	ctx.imageSmoothingQuality = 'high';
	ctx.drawImage(source, from.x, from.y, from.width, from.height, 0, 0, width, height);
	return canvas;
}

/** A small preview for galleries: long side 360 px. */
export function thumbnailJpeg(source: OffscreenCanvas): Promise<Blob> {
	const k = Math.min(1, THUMB_LONG_SIDE / Math.max(source.width, source.height));
	const w = Math.max(1, Math.round(source.width * k));
	const h = Math.max(1, Math.round(source.height * k));
	return toJpeg(
		drawScaled(source, { x: 0, y: 0, width: source.width, height: source.height }, w, h),
		THUMB_QUALITY
	);
}

/**
 * One canvas for the previews while their size stays: a canvas and its context made per preview
 * cost 40% more than the encode itself (0.32 against 0.19 CPU-s for 145 previews, measured in
 * Chromium). convertToBlob takes its copy of the pixels when called, so the next preview may
 * draw over them while the last one is still being encoded.
 */
let previewContext: OffscreenCanvasRenderingContext2D | null = null;

/** A sampled frame's preview JPEG, from its picture as it is. */
export function previewJpeg({ data, width, height }: RgbaImage): Promise<Blob> {
	const canvas = previewContext?.canvas;
	if (!previewContext || canvas?.width !== width || canvas.height !== height)
		previewContext = new OffscreenCanvas(width, height).getContext('2d')!;
	previewContext.putImageData(new ImageData(data, width, height), 0, 0);
	return toJpeg(previewContext.canvas, PREVIEW_QUALITY);
}

/** The video's 300×200 cover thumbnail, cropped around `focus` (the best face) when given. */
export function videoThumbnailJpeg(source: OffscreenCanvas, focus?: Rect): Promise<Blob> {
	const { width: tw, height: th, quality } = VIDEO_THUMB;
	const k = Math.max(tw / source.width, th / source.height);
	const cw = tw / k;
	const ch = th / k;
	const cx = focus ? focus.x + focus.width / 2 : source.width / 2;
	const cy = focus ? focus.y + focus.height / 2 : source.height / 2;
	const x = Math.min(Math.max(0, cx - cw / 2), source.width - cw);
	const y = Math.min(Math.max(0, cy - ch / 2), source.height - ch);
	return toJpeg(drawScaled(source, { x, y, width: cw, height: ch }, tw, th), quality);
}
