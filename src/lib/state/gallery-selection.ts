// Selection in the keyframe gallery, as pure functions over immutable values.
// `current` is the one keyframe the editor shows (arrows move it); `picked` is the
// multi-selection bulk edits apply to (Space, Ctrl/Cmd-click, Shift-click, Ctrl/Cmd+A).

export interface GallerySelection<K> {
	current: K | null;
	/** Where a Shift range starts. */
	anchor: K | null;
	picked: ReadonlySet<K>;
}

export function emptySelection<K>(): GallerySelection<K> {
	return { current: null, anchor: null, picked: new Set() };
}

export interface ClickModifiers {
	/** Shift: pick the range from the anchor. */
	range?: boolean;
	/** Ctrl/Cmd: toggle this one in the multi-selection. */
	toggle?: boolean;
}

function between<K>(order: readonly K[], from: K | null, to: K): K[] {
	const end = order.indexOf(to);
	const start = from === null ? -1 : order.indexOf(from);
	if (start < 0) return [to];
	return order.slice(Math.min(start, end), Math.max(start, end) + 1);
}

/** A plain click selects one keyframe and clears the multi-selection. */
export function clickSelect<K>(
	selection: GallerySelection<K>,
	order: readonly K[],
	key: K,
	modifiers: ClickModifiers = {}
): GallerySelection<K> {
	if (modifiers.range) {
		const picked = new Set(modifiers.toggle ? selection.picked : []);
		for (const k of between(order, selection.anchor ?? selection.current, key)) picked.add(k);
		return { current: key, anchor: selection.anchor ?? selection.current ?? key, picked };
	}
	if (modifiers.toggle) return togglePicked({ ...selection, current: key, anchor: key });
	return { current: key, anchor: key, picked: new Set() };
}

/** Puts `current` into the multi-selection, or takes it out. */
export function togglePicked<K>(selection: GallerySelection<K>): GallerySelection<K> {
	const { current } = selection;
	if (current === null) return selection;
	const picked = new Set(selection.picked);
	if (picked.has(current)) picked.delete(current);
	else picked.add(current);
	return { ...selection, picked };
}

/**
 * Moves `current` by `delta` places (±1 sideways, ± columns up and down), staying in bounds.
 * With `extend` (Shift), the multi-selection becomes the range from the anchor.
 */
export function moveCurrent<K>(
	selection: GallerySelection<K>,
	order: readonly K[],
	delta: number,
	extend = false
): GallerySelection<K> {
	if (order.length === 0) return selection;
	const at = selection.current === null ? -1 : order.indexOf(selection.current);
	const next =
		at < 0 ? order[delta < 0 ? order.length - 1 : 0] : order[clamp(at + delta, order.length)];
	if (!extend) return { ...selection, current: next, anchor: next };
	const anchor = selection.anchor ?? selection.current ?? next;
	return { current: next, anchor, picked: new Set(between(order, anchor, next)) };
}

/** Home / End. */
export function moveToEdge<K>(
	selection: GallerySelection<K>,
	order: readonly K[],
	edge: 'first' | 'last',
	extend = false
): GallerySelection<K> {
	const end = edge === 'first' ? order[0] : order.at(-1);
	// With nothing selected, start at the edge itself (moveCurrent would start Home at the end).
	const from =
		selection.current === null && end !== undefined ? { ...selection, current: end } : selection;
	return moveCurrent(from, order, edge === 'first' ? -order.length : order.length, extend);
}

export function pickAll<K>(
	selection: GallerySelection<K>,
	order: readonly K[]
): GallerySelection<K> {
	return { ...selection, picked: new Set(order) };
}

export function clearPicked<K>(selection: GallerySelection<K>): GallerySelection<K> {
	return { ...selection, picked: new Set() };
}

/** What bulk actions apply to: the multi-selection, or else the current keyframe. */
export function targets<K>(selection: GallerySelection<K>, order: readonly K[]): K[] {
	if (selection.picked.size > 0) return order.filter((k) => selection.picked.has(k));
	return selection.current === null ? [] : [selection.current];
}

/** Drops keys that no longer exist (keyframes replaced by a rerun). */
export function keepExisting<K>(
	selection: GallerySelection<K>,
	order: readonly K[]
): GallerySelection<K> {
	const exists = new Set(order);
	const keep = (k: K | null) => (k !== null && exists.has(k) ? k : null);
	const picked = [...selection.picked].filter((k) => exists.has(k));
	if (
		keep(selection.current) === selection.current &&
		keep(selection.anchor) === selection.anchor &&
		picked.length === selection.picked.size
	)
		return selection;
	return {
		current: keep(selection.current),
		anchor: keep(selection.anchor),
		picked: new Set(picked)
	};
}

function clamp(i: number, length: number): number {
	return Math.min(length - 1, Math.max(0, i));
}
