import { describe, expect, it } from 'vitest';
import { BlockCache } from '../../src/workers/block-cache';

const bytes = Uint8Array.from({ length: 200 }, (_, i) => i);
const blob = new Blob([bytes]);

/** A cache of 16-byte blocks over `blob`, counting the slices it reads. */
function counted() {
	const reads: [number, number][] = [];
	const cache = new BlockCache((b, start, end) => {
		reads.push([start, end]);
		return bytes.slice(start, end);
	}, 16);
	return { cache, reads };
}

describe('BlockCache', () => {
	it('reads what a file system read asks, across blocks, and stops at the end', () => {
		const { cache } = counted();
		const into = new Uint8Array(40);
		expect(cache.read(blob, 10, 30, into, 5)).toBe(30);
		expect([...into.subarray(5, 35)]).toEqual([...bytes.subarray(10, 40)]);
		expect(cache.read(blob, 190, 30, into, 0)).toBe(10);
		expect([...into.subarray(0, 10)]).toEqual([...bytes.subarray(190, 200)]);
		expect(cache.read(blob, 200, 8, into, 0)).toBe(0);
	});

	it('reads each block once while it is kept, and again once it was dropped', () => {
		const { cache, reads } = counted();
		const into = new Uint8Array(16);
		for (let p = 0; p < 32; p += 4) cache.read(blob, p, 4, into, 0);
		expect(reads).toEqual([
			[0, 16],
			[16, 32]
		]);
		// Eight blocks more push the first two out of the eight kept; the latest stay.
		for (let p = 32; p < 160; p += 16) cache.read(blob, p, 1, into, 0);
		cache.read(blob, 0, 1, into, 0);
		cache.read(blob, 144, 1, into, 0);
		expect(reads.map(([start]) => start)).toEqual([0, 16, 32, 48, 64, 80, 96, 112, 128, 144, 0]);
	});
});
