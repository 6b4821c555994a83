// Optimistic editing of one video's annotations (notes, tags, deleted marks, ratings, flags).
// Edits show at once; each keyframe's whole state is written through a SaveQueue (debounced per
// keyframe, flushed on demand). A failed write keeps those edits on screen, unsaved, with the
// error, until a retry (or a later edit of the same keyframe) stores them: typed text never vanishes.
// Every edit is one undoable step; typing in one note merges into a step until it is sealed.
import type { AnnotationWrite } from '$lib/db/annotations';
import {
	EMPTY_ANNOTATION,
	type AnnotationFields,
	type AnnotationRecord,
	type KeyframeFlag
} from '$lib/db/types';
import { m } from '$lib/paraglide/messages';
import { SvelteSet } from 'svelte/reactivity';
import { isStorageFull } from '$lib/pipeline/failure-message';
import { withTag, withoutTag } from '$lib/pipeline/tags';
import {
	byFrame,
	markSaved,
	NO_EDITS,
	sameFields,
	visibleAnnotations,
	withEdits,
	type LocalEdits
} from './annotation-overlay';
import { clampRating, toggledFlag } from './rating-filter';
import { SaveQueue, type Timers } from './save-queue';
import { UndoStack } from './undo-stack';

/** Keyframes' states as [frameIndex, fields] pairs: one side of an undo step, or one write. */
type Snapshot = readonly (readonly [number, AnnotationFields])[];

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

export interface AnnotationsManagerOptions {
	/** The stored annotations of the video; reactive (e.g. a LiveQuery's `current`). */
	stored: () => AnnotationRecord[] | undefined;
	/** Stores complete states, all or nothing (`putAnnotations`). */
	write: (writes: AnnotationWrite[], now: number) => Promise<void>;
	/** While true every edit (undo and redo too) is refused, e.g. the video is in the Trash. */
	locked?: () => boolean;
	delayMs?: number;
	maxWaitMs?: number;
	timers?: Timers;
	now?: () => number;
}

function describeError(error: unknown): string {
	if (isStorageFull(error)) return m.review_storage_full();
	if (error instanceof Error) return error.message || error.name;
	return String(error);
}

export class AnnotationsManager {
	#options: AnnotationsManagerOptions;
	#now: () => number;
	#queue: SaveQueue<number, AnnotationFields>;
	#history = new UndoStack<Snapshot>();

	#records = $derived(byFrame(this.#stored() ?? []));
	/** Edits the stored rows do not show yet (unsaved, or saved but not yet read back). */
	#local = $state.raw<LocalEdits>(NO_EDITS);
	#view = $derived(visibleAnnotations(this.#records, this.#local));
	#busy = $state(false);
	#failed = $state(false);
	#saved = $state(false);
	#error = $state<string | null>(null);
	#canUndo = $state(false);
	#canRedo = $state(false);
	/** Keyframes whose last write failed; their edits stay in `#local` until one succeeds. */
	readonly #unsaved = new SvelteSet<number>();

	constructor(options: AnnotationsManagerOptions) {
		this.#options = options;
		this.#now = options.now ?? Date.now;
		this.#queue = new SaveQueue<number, AnnotationFields>({
			write: (batch) => this.#write(batch),
			delayMs: options.delayMs,
			maxWaitMs: options.maxWaitMs,
			timers: options.timers,
			now: this.#now,
			onFailed: (error, batch) => this.#keepUnsaved(error, batch),
			onChange: () => {
				this.#busy = this.#queue.busy;
				if (!this.#busy && !this.#failed) this.#saved = true;
			}
		});
	}

	#stored(): AnnotationRecord[] | undefined {
		return this.#options.stored();
	}

	/** The stored annotations have been read at least once. */
	get loaded(): boolean {
		return this.#stored() !== undefined;
	}

	/** What the user sees for a keyframe: their latest edit, else what is stored. */
	get(frameIndex: number): AnnotationFields {
		return this.#view.get(frameIndex) ?? EMPTY_ANNOTATION;
	}

	get saveState(): SaveState {
		if (this.#busy) return 'saving';
		if (this.#failed) return 'failed';
		return this.#saved ? 'saved' : 'idle';
	}

	/** Why the last write failed (its edits are kept, unsaved); null otherwise. */
	get error(): string | null {
		return this.#error;
	}

	/** Edits a write failed to store and no later write has stored yet. */
	get hasUnsaved(): boolean {
		return this.#unsaved.size > 0;
	}

	get canUndo(): boolean {
		return this.#canUndo;
	}

	get canRedo(): boolean {
		return this.#canRedo;
	}

	setNotes(frameIndex: number, notes: string): void {
		this.#change([[frameIndex, { ...this.get(frameIndex), notes }]], `notes:${frameIndex}`);
	}

	addTag(frameIndexes: number[], tag: string): void {
		this.#changeEach(frameIndexes, (f) => ({ ...f, tags: withTag(f.tags, tag) }));
	}

	removeTag(frameIndexes: number[], tag: string): void {
		this.#changeEach(frameIndexes, (f) => ({ ...f, tags: withoutTag(f.tags, tag) }));
	}

	setDeleted(frameIndexes: number[], deleted: boolean): void {
		this.#changeEach(frameIndexes, (f) => ({ ...f, deleted }));
	}

	/** Stars 1–5 on each keyframe; 0 clears the rating. */
	setRating(frameIndexes: number[], stars: number): void {
		const rating = clampRating(stars);
		this.#changeEach(frameIndexes, (f) => ({ ...f, rating }));
	}

	/** Flags all of them, or clears the flag when every one already has it. */
	toggleFlag(frameIndexes: number[], flag: KeyframeFlag): void {
		const next = toggledFlag(
			frameIndexes.map((i) => this.get(i).flag),
			flag
		);
		this.#changeEach(frameIndexes, (f) => ({ ...f, flag: next }));
	}

	/** Marks all deleted, or restores them all when every one already is. */
	toggleDeleted(frameIndexes: number[]): void {
		this.setDeleted(frameIndexes, !frameIndexes.every((i) => this.get(i).deleted));
	}

	/** Ends the current undo step (e.g. the note lost focus). */
	seal(): void {
		this.#history.seal();
	}

	/** Reverts the last step; returns the keyframes it touched, or null when there was none. */
	undo(): number[] | null {
		if (this.#options.locked?.()) return null;
		const step = this.#history.undo();
		this.#syncHistory();
		if (!step) return null;
		this.#apply(step.before);
		return step.before.map(([frameIndex]) => frameIndex);
	}

	/** Re-applies the last undone step; returns the keyframes it touched, or null. */
	redo(): number[] | null {
		if (this.#options.locked?.()) return null;
		const step = this.#history.redo();
		this.#syncHistory();
		if (!step) return null;
		this.#apply(step.after);
		return step.after.map(([frameIndex]) => frameIndex);
	}

	/** Writes every waiting edit now; resolves once all writes have settled. */
	flush(): Promise<void> {
		return this.#queue.flush();
	}

	/** Writes the edits whose save failed again, as they are now. */
	retry(): Promise<void> {
		return this.#queue.saveNow([...this.#unsaved].map((i) => [i, this.get(i)] as const));
	}

	#changeEach(frameIndexes: number[], edit: (fields: AnnotationFields) => AnnotationFields) {
		this.#change(
			frameIndexes.map((i) => [i, edit(this.get(i))]),
			null
		);
	}

	#change(next: Snapshot, group: string | null) {
		if (this.#options.locked?.()) return;
		const changed = next.filter(
			([frameIndex, fields]) => !sameFields(this.get(frameIndex), fields)
		);
		if (changed.length === 0) return;
		const before = changed.map(([frameIndex]) => [frameIndex, this.get(frameIndex)] as const);
		this.#history.push(before, changed, group, this.#now());
		this.#syncHistory();
		this.#apply(changed);
	}

	/** Shows the new states at once and queues their write. */
	#apply(next: Snapshot) {
		this.#local = withEdits(this.#local, next);
		if (next.length === 1) {
			const [[frameIndex, fields]] = next;
			this.#queue.schedule(frameIndex, fields);
		} else {
			// Several keyframes at once (bulk edit, or the undo of one): one transaction, now.
			void this.#queue.saveNow(next);
		}
	}

	async #write(batch: ReadonlyMap<number, AnnotationFields>): Promise<void> {
		const now = this.#now();
		const writes = [...batch].map(([frameIndex, fields]) => ({
			frameIndex,
			fields,
			createdAt: this.#records.get(frameIndex)?.createdAt
		}));
		await this.#options.write(writes, now);
		// Keep showing the written fields until the stored rows catch up (no flicker back).
		this.#local = markSaved(this.#local, batch, now);
		for (const frameIndex of batch.keys()) this.#unsaved.delete(frameIndex);
		if (this.#unsaved.size === 0) {
			this.#failed = false;
			this.#error = null;
		}
	}

	#keepUnsaved(error: unknown, batch: ReadonlyMap<number, AnnotationFields>) {
		for (const frameIndex of batch.keys()) this.#unsaved.add(frameIndex);
		this.#failed = true;
		this.#error = m.review_save_failed({
			count: this.#unsaved.size,
			reason: describeError(error)
		});
	}

	#syncHistory() {
		this.#canUndo = this.#history.canUndo;
		this.#canRedo = this.#history.canRedo;
	}
}
