// Keyboard shortcuts of the keyframe review page: one table for the handler and the help list.

export type ReviewAction =
	| 'left'
	| 'right'
	| 'up'
	| 'down'
	| 'first'
	| 'last'
	| 'toggle-pick'
	| 'pick-all'
	| 'toggle-deleted'
	| 'focus-tags'
	| 'focus-notes'
	| 'open'
	| 'close'
	| 'help'
	| 'undo'
	| 'redo';

export interface KeyInput {
	key: string;
	ctrlKey: boolean;
	metaKey: boolean;
	shiftKey: boolean;
	altKey: boolean;
}

/** Shown by `?`; order is the order of the list. */
export const SHORTCUTS: readonly { keys: string; does: string }[] = [
	{ keys: '← → ↑ ↓', does: 'Move to another keyframe (Shift extends the selection)' },
	{ keys: 'Home / End', does: 'First / last keyframe' },
	{ keys: 'Space', does: 'Add the keyframe to the selection, or take it out' },
	{ keys: 'Ctrl/⌘ + A', does: 'Select all keyframes' },
	{ keys: 'Delete / D', does: 'Mark deleted (left out of exports), or restore' },
	{ keys: 'T', does: 'Type a tag' },
	{ keys: 'N', does: 'Type a note' },
	{ keys: 'Enter', does: 'Open full size' },
	{ keys: 'Esc', does: 'Close; leave a text field; clear the selection' },
	{ keys: 'Ctrl/⌘ + Z', does: 'Undo' },
	{ keys: 'Ctrl/⌘ + Shift + Z, Ctrl + Y', does: 'Redo' },
	{ keys: '?', does: 'Show these shortcuts' }
];

/** The action a key press asks for, or null. Callers skip this while the user types in a field. */
export function reviewAction(e: KeyInput): ReviewAction | null {
	if (e.altKey) return null;
	const mod = e.ctrlKey || e.metaKey;
	const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
	if (mod) {
		if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
		if (key === 'y' && !e.shiftKey) return 'redo';
		if (key === 'a' && !e.shiftKey) return 'pick-all';
		return null;
	}
	switch (key) {
		case 'ArrowLeft':
			return 'left';
		case 'ArrowRight':
			return 'right';
		case 'ArrowUp':
			return 'up';
		case 'ArrowDown':
			return 'down';
		case 'Home':
			return 'first';
		case 'End':
			return 'last';
		case ' ':
			return 'toggle-pick';
		case 'Delete':
		case 'd':
			return 'toggle-deleted';
		case 't':
			return 'focus-tags';
		case 'n':
			return 'focus-notes';
		case 'Enter':
			return 'open';
		case 'Escape':
			return 'close';
		case '?':
			return 'help';
		default:
			return null;
	}
}

/** True when keys typed at this element belong to the user's text, not to shortcuts. */
export function isTextEntry(target: EventTarget | null): boolean {
	if (typeof Element === 'undefined' || !(target instanceof Element)) return false;
	if (target.closest('[contenteditable=""], [contenteditable="true"]')) return true;
	if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
	if (target instanceof HTMLInputElement) {
		return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(
			target.type
		);
	}
	return false;
}
