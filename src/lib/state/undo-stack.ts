// Undo / redo history of reversible changes, each stored as its state before and after.
// Plain TypeScript: the caller applies `before` on undo and `after` on redo.

export interface UndoEntry<T> {
	before: T;
	after: T;
	/** Consecutive changes of one group (e.g. typing in one note) merge into one step. */
	group: string | null;
	/** When the entry last changed (ms). */
	at: number;
}

export interface UndoStackOptions {
	/** Oldest steps are forgotten beyond this many. */
	limit?: number;
	/** A change merges into the previous step of its group only within this pause (ms). */
	mergeWithinMs?: number;
}

export class UndoStack<T> {
	#done: UndoEntry<T>[] = [];
	#undone: UndoEntry<T>[] = [];
	#sealed = false;
	#limit: number;
	#mergeWithin: number;

	constructor(options: UndoStackOptions = {}) {
		this.#limit = Math.max(1, options.limit ?? 200);
		this.#mergeWithin = options.mergeWithinMs ?? 1500;
	}

	get canUndo(): boolean {
		return this.#done.length > 0;
	}

	get canRedo(): boolean {
		return this.#undone.length > 0;
	}

	/** Records a change; a new change makes the redo history unreachable, so it is dropped. */
	push(before: T, after: T, group: string | null = null, at = Date.now()): void {
		this.#undone = [];
		const top = this.#done.at(-1);
		if (
			!this.#sealed &&
			group !== null &&
			top?.group === group &&
			at - top.at <= this.#mergeWithin
		) {
			top.after = after;
			top.at = at;
			return;
		}
		this.#sealed = false;
		this.#done.push({ before, after, group, at });
		if (this.#done.length > this.#limit) this.#done.shift();
	}

	/** The next change starts a step of its own (e.g. the note lost focus). */
	seal(): void {
		this.#sealed = true;
	}

	/** The step to revert (apply its `before`), or undefined when there is none. */
	undo(): UndoEntry<T> | undefined {
		const entry = this.#done.pop();
		if (entry) this.#undone.push(entry);
		this.#sealed = true;
		return entry;
	}

	/** The step to re-apply (apply its `after`), or undefined when there is none. */
	redo(): UndoEntry<T> | undefined {
		const entry = this.#undone.pop();
		if (entry) this.#done.push(entry);
		this.#sealed = true;
		return entry;
	}

	clear(): void {
		this.#done = [];
		this.#undone = [];
		this.#sealed = false;
	}
}
