// A reactive value for unit tests of runes classes (what a LiveQuery's `current` is in the app).
export class Cell<T> {
	value = $state.raw<T>() as T;

	constructor(value: T) {
		this.value = value;
	}
}
