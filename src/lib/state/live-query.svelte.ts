// The one bridge from Dexie's liveQuery to runes: components read `.current`, which updates
// whenever the tables the query touched change (in this tab or another).
import { liveQuery } from 'dexie';

export class LiveQuery<T> {
	#value = $state.raw<T | undefined>(undefined);
	#error = $state.raw<unknown>(null);
	#loaded = $state(false);

	/**
	 * `makeQuery` runs inside an effect: the reactive values it reads (route params, filters)
	 * restart the query when they change; the function it returns is what Dexie observes (none
	 * yet while it returns null).
	 */
	constructor(makeQuery: () => (() => Promise<T>) | null) {
		$effect(() => {
			const query = makeQuery();
			if (!query) return;
			const subscription = liveQuery(query).subscribe({
				next: (value) => {
					this.#value = value;
					this.#error = null;
					this.#loaded = true;
				},
				error: (error: unknown) => {
					this.#error = error;
					this.#loaded = true;
				}
			});
			return () => subscription.unsubscribe();
		});
	}

	get current(): T | undefined {
		return this.#value;
	}

	get error(): unknown {
		return this.#error;
	}

	get loaded(): boolean {
		return this.#loaded;
	}
}
