import { describe, expect, it } from 'vitest';
import { MAX_ZOOM, panBy, UNZOOMED, wheelFactor, zoomAt } from '$lib/state/zoom-view';

const SIZE = { width: 400, height: 200 };

describe('zoomAt', () => {
	it('keeps the picture point under the cursor where it was', () => {
		const at = { x: 100, y: 50 };
		const view = zoomAt(UNZOOMED, 2, at, SIZE);
		expect(view.scale).toBe(2);
		// The picture point (100, 50) is drawn at x + 100 × 2, y + 50 × 2.
		expect(view.x + 100 * view.scale).toBeCloseTo(at.x);
		expect(view.y + 50 * view.scale).toBeCloseTo(at.y);
	});

	it('stays between 1× and 8×', () => {
		let view = UNZOOMED;
		for (let i = 0; i < 20; i++) view = zoomAt(view, 2, { x: 0, y: 0 }, SIZE);
		expect(view.scale).toBe(MAX_ZOOM);
		expect(zoomAt(view, 0.001, { x: 0, y: 0 }, SIZE)).toEqual(UNZOOMED);
	});

	it('never leaves an empty border when zooming out near an edge', () => {
		const zoomed = zoomAt(UNZOOMED, 4, { x: 400, y: 200 }, SIZE);
		const out = zoomAt(zoomed, 0.5, { x: 0, y: 0 }, SIZE);
		expect(out.x + SIZE.width * out.scale).toBeGreaterThanOrEqual(SIZE.width);
		expect(out.y + SIZE.height * out.scale).toBeGreaterThanOrEqual(SIZE.height);
		expect(out.x).toBeLessThanOrEqual(0);
	});
});

describe('panBy', () => {
	it('moves a zoomed picture and stops at its edges', () => {
		const zoomed = zoomAt(UNZOOMED, 2, { x: 200, y: 100 }, SIZE);
		expect(panBy(zoomed, 30, 10, SIZE)).toEqual({
			scale: 2,
			x: zoomed.x + 30,
			y: zoomed.y + 10
		});
		expect(panBy(zoomed, 10_000, 10_000, SIZE)).toEqual({ scale: 2, x: 0, y: 0 });
		expect(panBy(zoomed, -10_000, 0, SIZE).x).toBe(-400);
	});

	it('does not move an unzoomed picture', () => {
		expect(panBy(UNZOOMED, 50, 50, SIZE)).toEqual(UNZOOMED);
	});
});

describe('wheelFactor', () => {
	it('zooms in on a wheel turned away (negative deltaY) and out towards', () => {
		expect(wheelFactor(-100)).toBeGreaterThan(1.2);
		expect(wheelFactor(100)).toBeLessThan(1);
		expect(wheelFactor(100) * wheelFactor(-100)).toBeCloseTo(1);
	});
});
