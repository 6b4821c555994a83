// The lightbox's zoom and pan, as plain arithmetic: a scale from 1 to MAX_ZOOM and an offset in
// frame pixels, kept so the picture always covers the frame (no empty border while zoomed).

export const MAX_ZOOM = 8;

export interface ZoomView {
	scale: number;
	/** Where the picture's top-left corner sits in the frame, in frame pixels (≤ 0). */
	x: number;
	y: number;
}

export const UNZOOMED: ZoomView = Object.freeze({ scale: 1, x: 0, y: 0 });

interface Size {
	width: number;
	height: number;
}

/** The offset moved so the scaled picture still covers a frame of `size`. */
function clamp(view: ZoomView, size: Size): ZoomView {
	const fit = (v: number, length: number) => Math.min(0, Math.max(length - length * view.scale, v));
	return { scale: view.scale, x: fit(view.x, size.width), y: fit(view.y, size.height) };
}

/**
 * `view` zoomed by `factor` about `at` (frame pixels): the picture point under `at` stays under
 * it, as with a wheel or a pinch centred there.
 */
export function zoomAt(view: ZoomView, factor: number, at: { x: number; y: number }, size: Size) {
	const scale = Math.min(MAX_ZOOM, Math.max(1, view.scale * factor));
	const k = scale / view.scale;
	return clamp({ scale, x: at.x - (at.x - view.x) * k, y: at.y - (at.y - view.y) * k }, size);
}

/** `view` dragged by `dx`, `dy` frame pixels. */
export function panBy(view: ZoomView, dx: number, dy: number, size: Size): ZoomView {
	return clamp({ scale: view.scale, x: view.x + dx, y: view.y + dy }, size);
}

/** Zoom factor for a wheel's `deltaY` (pixels): a notch of 100 px is about ×1.25. */
export function wheelFactor(deltaY: number): number {
	return Math.exp(-deltaY * 0.0022);
}
