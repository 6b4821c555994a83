import { describe, expect, it } from 'vitest';
import { UndoStack } from '$lib/state/undo-stack';

describe('UndoStack', () => {
	it('undoes and redoes steps in order', () => {
		const stack = new UndoStack<string>();
		expect(stack.canUndo).toBe(false);
		stack.push('', 'a', null, 0);
		stack.push('a', 'ab', null, 1);
		expect(stack.undo()).toMatchObject({ before: 'a', after: 'ab' });
		expect(stack.undo()).toMatchObject({ before: '', after: 'a' });
		expect(stack.undo()).toBeUndefined();
		expect(stack.canRedo).toBe(true);
		expect(stack.redo()).toMatchObject({ before: '', after: 'a' });
		expect(stack.redo()).toMatchObject({ before: 'a', after: 'ab' });
		expect(stack.redo()).toBeUndefined();
	});

	it('a new change drops what could be redone', () => {
		const stack = new UndoStack<string>();
		stack.push('', 'a', null, 0);
		stack.undo();
		stack.push('', 'b', null, 1);
		expect(stack.canRedo).toBe(false);
		expect(stack.undo()).toMatchObject({ before: '', after: 'b' });
	});

	it('merges typing in one group into one step, keeping the oldest before', () => {
		const stack = new UndoStack<string>({ mergeWithinMs: 1000 });
		stack.push('', 'h', 'notes:1', 0);
		stack.push('h', 'hi', 'notes:1', 300);
		stack.push('hi', 'hi!', 'notes:1', 900);
		expect(stack.undo()).toMatchObject({ before: '', after: 'hi!' });
		expect(stack.canUndo).toBe(false);
	});

	it('does not merge across groups, after a pause, after seal, or after undo', () => {
		const stack = new UndoStack<string>({ mergeWithinMs: 1000 });
		stack.push('', 'a', 'notes:1', 0);
		stack.push('', 'b', 'notes:2', 100); // another keyframe's note
		stack.push('b', 'bb', 'notes:2', 5000); // after a pause
		stack.seal(); // the note lost focus
		stack.push('bb', 'bbb', 'notes:2', 5100);
		stack.push('x', 'y', null, 5200); // ungrouped steps never merge
		stack.push('y', 'z', null, 5200);
		const befores: string[] = [];
		for (let e = stack.undo(); e; e = stack.undo()) befores.push(e.before);
		expect(befores).toEqual(['y', 'x', 'bb', 'b', '', '']);
	});

	it('forgets the oldest steps beyond its limit', () => {
		const stack = new UndoStack<number>({ limit: 3 });
		for (let i = 0; i < 5; i++) stack.push(i, i + 1, null, i);
		const befores: number[] = [];
		for (let e = stack.undo(); e; e = stack.undo()) befores.push(e.before);
		expect(befores).toEqual([4, 3, 2]);
	});

	it('clear empties both directions', () => {
		const stack = new UndoStack<number>();
		stack.push(0, 1);
		stack.push(1, 2);
		stack.undo();
		stack.clear();
		expect([stack.canUndo, stack.canRedo]).toEqual([false, false]);
	});
});
