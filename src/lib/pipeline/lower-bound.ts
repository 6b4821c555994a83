/** The index of the first of the ascending `sorted` whose key is not below `value`'s. */
export function lowerBound(
	sorted: readonly number[],
	value: number,
	key: (x: number) => number = (x) => x
): number {
	const target = key(value);
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (key(sorted[mid]!) < target) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
