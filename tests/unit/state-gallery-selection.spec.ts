import { describe, expect, it } from 'vitest';
import {
	clearPicked,
	clickSelect,
	emptySelection,
	keepExisting,
	moveCurrent,
	moveToEdge,
	pickAll,
	targets,
	togglePicked,
	type GallerySelection
} from '$lib/state/gallery-selection';

const order = [0, 5, 10, 15, 20, 25, 30];
const picked = (s: GallerySelection<number>) => [...s.picked].sort((a, b) => a - b);

describe('gallery selection', () => {
	it('a plain click selects one keyframe and clears the multi-selection', () => {
		let s = pickAll(emptySelection<number>(), order);
		s = clickSelect(s, order, 10);
		expect(s).toEqual({ current: 10, anchor: 10, picked: new Set() });
		expect(targets(s, order)).toEqual([10]);
	});

	it('Shift-click picks the range from the anchor, either direction', () => {
		let s = clickSelect(emptySelection<number>(), order, 10);
		s = clickSelect(s, order, 25, { range: true });
		expect(picked(s)).toEqual([10, 15, 20, 25]);
		expect(s.current).toBe(25);
		s = clickSelect(s, order, 0, { range: true });
		expect(picked(s)).toEqual([0, 5, 10]);
		expect(targets(s, order)).toEqual([0, 5, 10]);
	});

	it('Ctrl/Cmd-click toggles one keyframe; with Shift it adds a range', () => {
		let s = clickSelect(emptySelection<number>(), order, 0, { toggle: true });
		s = clickSelect(s, order, 20, { toggle: true });
		expect(picked(s)).toEqual([0, 20]);
		s = clickSelect(s, order, 0, { toggle: true });
		expect(picked(s)).toEqual([20]);
		s = clickSelect(s, order, 30, { toggle: true, range: true });
		expect(picked(s)).toEqual(order);
	});

	it('arrows move the current keyframe within bounds, by columns up and down', () => {
		let s = moveCurrent(emptySelection<number>(), order, 1);
		expect(s.current).toBe(0);
		s = moveCurrent(s, order, 3); // down with 3 columns
		expect(s.current).toBe(15);
		s = moveCurrent(s, order, 3);
		expect(s.current).toBe(30);
		s = moveCurrent(s, order, 3);
		expect(s.current).toBe(30);
		s = moveCurrent(s, order, -1);
		expect(s.current).toBe(25);
		s = moveToEdge(s, order, 'first');
		expect(s.current).toBe(0);
		s = moveToEdge(s, order, 'last');
		expect(s.current).toBe(30);
		expect(moveCurrent(emptySelection<number>(), order, -1).current).toBe(30);
		expect(moveCurrent(emptySelection<number>(), [], 1).current).toBeNull();
		// Home and End from nothing selected go to their own edge.
		expect(moveToEdge(emptySelection<number>(), order, 'first').current).toBe(0);
		expect(moveToEdge(emptySelection<number>(), order, 'last').current).toBe(30);
	});

	it('moving keeps the multi-selection; Shift+arrow extends it from the anchor', () => {
		let s = clickSelect(emptySelection<number>(), order, 5);
		s = togglePicked(s);
		s = moveCurrent(s, order, 2);
		expect(picked(s)).toEqual([5]);
		s = togglePicked(s);
		expect(picked(s)).toEqual([5, 15]);
		s = clickSelect(s, order, 10);
		s = moveCurrent(s, order, 1, true);
		s = moveCurrent(s, order, 1, true);
		expect(picked(s)).toEqual([10, 15, 20]);
		s = moveCurrent(s, order, -3, true); // up a row of 3, past the anchor
		expect(picked(s)).toEqual([5, 10]);
		expect(picked(clearPicked(s))).toEqual([]);
	});

	it('Space on nothing does nothing', () => {
		const s = emptySelection<number>();
		expect(togglePicked(s)).toBe(s);
	});

	it('drops keyframes that no longer exist, and keeps identity when nothing changed', () => {
		const s = pickAll(clickSelect(emptySelection<number>(), order, 30), order);
		expect(keepExisting(s, order)).toBe(s);
		const kept = keepExisting(s, [0, 5]);
		expect(kept.current).toBeNull();
		expect(picked(kept)).toEqual([0, 5]);
	});
});
