// Typed arrays given back after use, taken again for the next frame. Chromium maps fresh, zeroed
// pages for every new ArrayBuffer: measured in a worker, ~2.7 µs per kB (3.7 ms for a 720p
// frame's 1.4 MB), 60 times what refilling a used one costs. The sampling pass's per-frame
// buffers (full-size copies, gray, the detector's and the landmark model's inputs) come from here.

export class ArrayPool<T extends { readonly length: number }> {
	#free: T[] = [];
	readonly #make: (length: number) => T;
	readonly #max: number;

	/** `make`: a new array of a length; `max`: arrays kept for reuse at most. */
	constructor(make: (length: number) => T, max: number) {
		this.#make = make;
		this.#max = max;
	}

	/** An array of `length` elements: a given-back one if there is one (contents left over). */
	take(length: number): T {
		const i = this.#free.findIndex((a) => a.length === length);
		return i >= 0 ? this.#free.splice(i, 1)[0] : this.#make(length);
	}

	/** Keeps `array` for a later `take`; a detached one (transferred away) is dropped. */
	give(array: T): void {
		if (array.length > 0 && this.#free.length < this.#max) this.#free.push(array);
	}
}
