// Keyboard shortcuts of the keyframe review page: one table for the handler and the help list.
import { m } from '$lib/paraglide/messages';

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
	| `rate-${0 | 1 | 2 | 3 | 4 | 5}`
	| 'flag-pick'
	| 'flag-reject'
	| 'frame-back'
	| 'frame-forward'
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

const keys = (text: string) => () => text;

/** Shown by `?`, in this order. Keys as printed on the keyboard; Space is a word, so translated. */
export const SHORTCUTS: readonly { keys: () => string; does: () => string }[] = [
	{ keys: keys('← → ↑ ↓'), does: m.shortcut_move },
	{ keys: keys('Home / End'), does: m.shortcut_edges },
	{ keys: m.shortcut_key_space, does: m.shortcut_pick },
	{ keys: keys('Ctrl/⌘ + A'), does: m.shortcut_pick_all },
	{ keys: keys('Delete / D'), does: m.shortcut_delete },
	{ keys: keys('1 – 5'), does: m.picking_shortcut_rate },
	{ keys: keys('0'), does: m.picking_shortcut_unrate },
	{ keys: keys('P'), does: m.picking_shortcut_pick },
	{ keys: keys('X'), does: m.picking_shortcut_reject },
	{ keys: keys(', / .'), does: m.picking_shortcut_step },
	{ keys: keys('T'), does: m.shortcut_tag },
	{ keys: keys('N'), does: m.shortcut_note },
	{ keys: keys('Enter'), does: m.shortcut_open },
	{ keys: keys('Esc'), does: m.shortcut_close },
	{ keys: keys('Ctrl/⌘ + Z'), does: m.review_undo },
	{ keys: keys('Ctrl/⌘ + Shift + Z, Ctrl + Y'), does: m.review_redo },
	{ keys: keys('?'), does: m.shortcut_help }
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
		case '0':
		case '1':
		case '2':
		case '3':
		case '4':
		case '5':
			return `rate-${Number(key) as 0 | 1 | 2 | 3 | 4 | 5}`;
		case 'p':
			return 'flag-pick';
		case 'x':
			return 'flag-reject';
		case ',':
			return 'frame-back';
		case '.':
			return 'frame-forward';
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
