// Rows ticked for a bulk action, kept by id across pages until the action or a clear.
import { SvelteSet } from 'svelte/reactivity';

export class Selection {
	#ids = new SvelteSet<string>();

	/** The selected ids, in the order they were ticked. */
	get ids(): string[] {
		return [...this.#ids];
	}

	get size(): number {
		return this.#ids.size;
	}

	has(id: string): boolean {
		return this.#ids.has(id);
	}

	set(id: string, selected: boolean) {
		if (selected) this.#ids.add(id);
		else this.#ids.delete(id);
	}

	/** True when every one of `ids` is selected (and there is at least one). */
	hasAll(ids: string[]): boolean {
		return ids.length > 0 && ids.every((id) => this.#ids.has(id));
	}

	setAll(ids: string[], selected: boolean) {
		for (const id of ids) this.set(id, selected);
	}

	clear() {
		this.#ids.clear();
	}
}
