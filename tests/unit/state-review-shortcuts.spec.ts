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
		expect(reviewAction(press('x'))).toBeNull();
		expect(reviewAction(press('F5'))).toBeNull();
	});

	it('the help list covers every action key', () => {
		const text = SHORTCUTS.map((s) => s.keys()).join(' ');
		for (const k of ['Space', 'Delete', 'D', 'T', 'N', 'Enter', 'Esc', '?', 'Z', 'A'])
			expect(text).toContain(k);
	});
});
