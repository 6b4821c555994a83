// The optimistic annotation editor: what the user sees, what is written and when, kept failed edits, undo.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnnotationWrite } from '$lib/db/annotations';
import type { AnnotationRecord } from '$lib/db/types';
import { AnnotationsManager } from '$lib/state/annotations-manager.svelte';
import { Cell } from './support/cell.svelte';

function record(frameIndex: number, notes: string, updatedAt = 1): AnnotationRecord {
	return { videoId: 'v', frameIndex, notes, tags: [], deleted: false, createdAt: 1, updatedAt };
}

function setup(initial: AnnotationRecord[] = [], locked = () => false) {
	const stored = new Cell<AnnotationRecord[] | undefined>(initial);
	const writes: { writes: AnnotationWrite[]; now: number }[] = [];
	let failWith: Error | null = null;
	const manager = new AnnotationsManager({
		stored: () => stored.value,
		locked,
		write: (w, now) => {
			writes.push({ writes: w, now });
			return failWith ? Promise.reject(failWith) : Promise.resolve();
		}
	});
	return { manager, stored, writes, fail: (e: Error | null) => (failWith = e) };
}

beforeEach(() => {
	vi.useFakeTimers({ now: 10_000 });
});
afterEach(() => {
	vi.useRealTimers();
});

describe('AnnotationsManager', () => {
	it('shows edits at once and writes each keyframe’s whole state once per burst', async () => {
		const { manager, writes } = setup([record(3, '')]);
		for (const notes of ['第', '第一', '第一帧', '第一帧：主角正脸']) {
			manager.setNotes(3, notes);
			await vi.advanceTimersByTimeAsync(100);
		}
		expect(manager.get(3).notes).toBe('第一帧：主角正脸');
		expect(manager.saveState).toBe('saving');
		expect(writes).toEqual([]);
		await vi.advanceTimersByTimeAsync(400);
		expect(writes).toEqual([
			{
				now: 10_800, // 500 ms after the last keystroke
				writes: [
					{
						frameIndex: 3,
						fields: { notes: '第一帧：主角正脸', tags: [], deleted: false, rating: 0, flag: null },
						createdAt: 1
					}
				]
			}
		]);
		expect(manager.saveState).toBe('saved');
	});

	it('keeps showing a saved edit until the stored rows catch up, then follows them', async () => {
		const { manager, stored } = setup([record(1, 'old')]);
		manager.setNotes(1, 'new');
		await manager.flush();
		expect(manager.get(1).notes).toBe('new'); // the live query has not re-read yet
		stored.value = [record(1, 'new', 10_000)];
		expect(manager.get(1).notes).toBe('new');
		stored.value = [record(1, 'from another tab', 20_000)];
		expect(manager.get(1).notes).toBe('from another tab');
	});

	it('a failed write keeps the typed edits, says so, and a retry stores them', async () => {
		const { manager, fail, writes } = setup([record(1, 'stored')]);
		fail(new Error('QuotaExceededError: full'));
		manager.setNotes(1, 'typed');
		manager.addTag([1], 'kept');
		await vi.advanceTimersByTimeAsync(500);
		expect(manager.get(1)).toMatchObject({ notes: 'typed', tags: ['kept'] });
		expect(manager.saveState).toBe('failed');
		expect(manager.hasUnsaved).toBe(true);
		expect(manager.error).toMatch(/storage is full.*kept here/);
		// An edit of another keyframe that saves does not hide the one still unsaved.
		fail(null);
		manager.setNotes(2, 'other');
		await manager.flush();
		expect(manager.saveState).toBe('failed');
		expect(manager.error).not.toBeNull();
		await manager.retry();
		expect(writes.at(-1)?.writes).toMatchObject([
			{ frameIndex: 1, fields: { notes: 'typed', tags: ['kept'] } }
		]);
		expect(manager.hasUnsaved).toBe(false);
		expect(manager.error).toBeNull();
		expect(manager.saveState).toBe('saved');
	});

	it('a later edit of the failed keyframe that saves clears the failure', async () => {
		const { manager, fail } = setup();
		fail(new Error('boom'));
		manager.setNotes(1, 'a');
		await manager.flush();
		expect(manager.hasUnsaved).toBe(true);
		fail(null);
		manager.setNotes(1, 'ab');
		await manager.flush();
		expect(manager.hasUnsaved).toBe(false);
		expect(manager.get(1).notes).toBe('ab');
	});

	it('refuses every edit while locked (a video in the Trash), and takes them once unlocked', async () => {
		let locked = false;
		const { manager, writes } = setup([record(1, 'stored')], () => locked);
		manager.setNotes(1, 'before trash');
		await manager.flush();
		locked = true;
		manager.setNotes(1, 'typed in the trash');
		manager.addTag([1], 'x');
		manager.setDeleted([1], true);
		expect(manager.undo()).toBeNull();
		await manager.flush();
		expect(manager.get(1)).toMatchObject({ notes: 'before trash', tags: [], deleted: false });
		expect(writes).toHaveLength(1);
		locked = false;
		expect(manager.undo()).toEqual([1]);
		expect(manager.get(1).notes).toBe('stored');
	});

	it('undo restores the previous note (typing is one step) and redo brings it back', async () => {
		const { manager, writes } = setup();
		manager.setNotes(2, 'first note');
		manager.seal(); // the note lost focus
		for (const notes of ['s', 'se', 'second']) manager.setNotes(2, notes);
		await manager.flush();
		expect(manager.undo()).toEqual([2]);
		expect(manager.get(2).notes).toBe('first note');
		await manager.flush();
		expect(writes.at(-1)?.writes[0].fields.notes).toBe('first note');
		expect(manager.canRedo).toBe(true);
		expect(manager.redo()).toEqual([2]);
		expect(manager.get(2).notes).toBe('second');
		expect(manager.undo()).toEqual([2]);
		expect(manager.undo()).toEqual([2]);
		expect(manager.get(2).notes).toBe('');
		expect(manager.undo()).toBeNull();
	});

	it('a bulk edit is one write of every keyframe, at once, and one undo step', async () => {
		const frames = [0, 5, 10, 15, 20, 25, 30, 35, 40, 45];
		const { manager, writes } = setup([record(5, 'keep me')]);
		manager.addTag(frames, 'crowd');
		await Promise.resolve();
		expect(writes).toHaveLength(1);
		expect(writes[0].writes.map((w) => w.frameIndex)).toEqual(frames);
		expect(writes[0].writes.every((w) => w.fields.tags.includes('crowd'))).toBe(true);
		expect(manager.get(5)).toMatchObject({ notes: 'keep me', tags: ['crowd'] });
		manager.undo();
		expect(frames.every((f) => manager.get(f).tags.length === 0)).toBe(true);
		manager.removeTag(frames, 'absent'); // changes nothing: no step, no write
		expect(manager.canUndo).toBe(false);
		await vi.advanceTimersByTimeAsync(1000);
		expect(writes).toHaveLength(2);
	});

	it('toggleDeleted marks all, then restores all once every one is marked', () => {
		const { manager } = setup();
		manager.setDeleted([1], true);
		manager.toggleDeleted([1, 2]);
		expect([manager.get(1).deleted, manager.get(2).deleted]).toEqual([true, true]);
		manager.toggleDeleted([1, 2]);
		expect([manager.get(1).deleted, manager.get(2).deleted]).toEqual([false, false]);
	});
});
