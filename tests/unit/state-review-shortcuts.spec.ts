import { describe, expect, it } from 'vitest';
import { reviewAction, SHORTCUTS, type KeyInput } from '$lib/state/review-shortcuts';

const press = (key: string, mods: Partial<KeyInput> = {}): KeyInput => ({
	key,
	ctrlKey: false,
	metaKey: false,
	shiftKey: false,
	altKey: false,
	...mods
});

describe('review shortcuts', () => {
	it('maps the documented keys to actions', () => {
		expect(
			[
				'ArrowLeft',
				'ArrowRight',
				'ArrowUp',
				'ArrowDown',
				'Home',
				'End',
				' ',
				'Delete',
				'd',
				'D',
				't',
				'n',
				'Enter',
				'Escape',
				'?'
			].map((k) => reviewAction(press(k)))
		).toEqual([
			'left',
			'right',
			'up',
			'down',
			'first',
			'last',
			'toggle-pick',
			'toggle-deleted',
			'toggle-deleted',
			'toggle-deleted',
			'focus-tags',
			'focus-notes',
			'open',
			'close',
			'help'
		]);
	});

	it('rates with 0–5 and flags with P and X', () => {
		expect(['0', '1', '3', '5', 'p', 'P', 'x', 'X'].map((k) => reviewAction(press(k)))).toEqual([
			'rate-0',
			'rate-1',
			'rate-3',
			'rate-5',
			'flag-pick',
			'flag-pick',
			'flag-reject',
			'flag-reject'
		]);
		expect(reviewAction(press('1', { ctrlKey: true }))).toBeNull();
	});

	it('undo, redo and select-all with Ctrl or Cmd', () => {
		expect(reviewAction(press('z', { ctrlKey: true }))).toBe('undo');
		expect(reviewAction(press('z', { metaKey: true }))).toBe('undo');
		expect(reviewAction(press('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
		expect(reviewAction(press('y', { ctrlKey: true }))).toBe('redo');
		expect(reviewAction(press('a', { metaKey: true }))).toBe('pick-all');
	});

	it('leaves other combinations to the browser', () => {
		expect(reviewAction(press('c', { ctrlKey: true }))).toBeNull();
		expect(reviewAction(press('d', { altKey: true }))).toBeNull();
		expect(reviewAction(press('q'))).toBeNull();
		expect(reviewAction(press('6'))).toBeNull();
		expect(reviewAction(press('F5'))).toBeNull();
	});

	it('the help list covers every action key', () => {
		const text = SHORTCUTS.map((s) => s.keys()).join(' ');
		for (const k of [
			'Space',
			'Delete',
			'D',
			'T',
			'N',
			'Enter',
			'Esc',
			'?',
			'Z',
			'A',
			'1 – 5',
			'P',
			'X'
		])
			expect(text).toContain(k);
	});
});
