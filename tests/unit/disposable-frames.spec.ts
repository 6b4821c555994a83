import { describe, expect, it } from 'vitest';
import {
	avcLengthSize,
	FrameGrid,
	isDisposableAvcPicture
} from '../../src/lib/pipeline/disposable-frames';

/** A length-prefixed access unit of NAL units, each given as its header byte and a payload size. */
function accessUnit(lengthSize: number, nals: [header: number, payload: number][]): Uint8Array {
	const bytes: number[] = [];
	for (const [header, payload] of nals) {
		const length = 1 + payload;
		for (let i = lengthSize - 1; i >= 0; i--) bytes.push((length >> (8 * i)) & 0xff);
		bytes.push(header, ...new Array<number>(payload).fill(0x9a));
	}
	return new Uint8Array(bytes);
}

// nal_ref_idc in bits 5–6, nal_unit_type in bits 0–4.
const B_SLICE = (0 << 5) | 1;
const P_SLICE = (2 << 5) | 1;
const IDR_SLICE = (3 << 5) | 5;
const SEI = 6;
const AUD = 9;

describe('isDisposableAvcPicture', () => {
	it('takes a picture whose every slice has nal_ref_idc 0', () => {
		expect(
			isDisposableAvcPicture(
				accessUnit(4, [
					[AUD, 1],
					[SEI, 20],
					[B_SLICE, 300]
				]),
				4
			)
		).toBe(true);
		expect(
			isDisposableAvcPicture(
				accessUnit(4, [
					[B_SLICE, 300],
					[B_SLICE, 200]
				]),
				4
			)
		).toBe(true);
	});

	it('keeps reference pictures, even when only one slice is referenced', () => {
		expect(isDisposableAvcPicture(accessUnit(4, [[P_SLICE, 300]]), 4)).toBe(false);
		expect(isDisposableAvcPicture(accessUnit(4, [[IDR_SLICE, 300]]), 4)).toBe(false);
		expect(
			isDisposableAvcPicture(
				accessUnit(4, [
					[B_SLICE, 30],
					[P_SLICE, 30]
				]),
				4
			)
		).toBe(false);
	});

	it('reads 1-, 2- and 4-byte length prefixes', () => {
		for (const size of [1, 2, 4]) {
			expect(isDisposableAvcPicture(accessUnit(size, [[B_SLICE, 100]]), size)).toBe(true);
			expect(isDisposableAvcPicture(accessUnit(size, [[P_SLICE, 100]]), size)).toBe(false);
		}
	});

	it('keeps what it cannot read: no slice, a cut packet, nothing', () => {
		expect(isDisposableAvcPicture(accessUnit(4, [[SEI, 10]]), 4)).toBe(false);
		const cut = accessUnit(4, [[B_SLICE, 300]]).subarray(0, 100);
		expect(isDisposableAvcPicture(cut, 4)).toBe(false);
		expect(isDisposableAvcPicture(new Uint8Array(0), 4)).toBe(false);
	});
});

describe('avcLengthSize', () => {
	it('reads lengthSizeMinusOne from the avcC record', () => {
		expect(avcLengthSize(new Uint8Array([1, 0x64, 0, 0x1f, 0xff, 0xe1]))).toBe(4);
		expect(avcLengthSize(new Uint8Array([1, 0x64, 0, 0x1f, 0xfd, 0xe1]))).toBe(2);
		expect(avcLengthSize(null)).toBe(4);
	});
});

describe('FrameGrid', () => {
	// Decode order of an IBBP stream at 25 fps: presentation times jump back and forth.
	const decodeOrder = [0, 0.12, 0.04, 0.08, 0.24, 0.16, 0.2];

	it('places each frame in presentation order', () => {
		const grid = new FrameGrid(decodeOrder);
		expect(decodeOrder.map((t) => grid.indexOf(t))).toEqual([0, 3, 1, 2, 6, 4, 5]);
		expect(grid.indexOf(0.1)).toBeUndefined();
	});

	it('finds where a time range starts: the first sampled frame at or after its start', () => {
		const grid = new FrameGrid(decodeOrder);
		// Every 2nd frame: 0, 0.08, 0.16, 0.24.
		expect(grid.firstSampledFrom(0.05, 2)).toEqual({ frameIndex: 2, timeSec: 0.08 });
		expect(grid.firstSampledFrom(0.08, 2)).toEqual({ frameIndex: 2, timeSec: 0.08 });
		expect(grid.firstSampledFrom(0.0800001, 2)).toEqual({ frameIndex: 2, timeSec: 0.08 });
		expect(grid.firstSampledFrom(0.09, 3)).toEqual({ frameIndex: 3, timeSec: 0.12 });
		expect(grid.firstSampledFrom(0.2, 3)).toEqual({ frameIndex: 6, timeSec: 0.24 });
		expect(grid.firstSampledFrom(0.21, 2)).toEqual({ frameIndex: 6, timeSec: 0.24 });
		expect(grid.firstSampledFrom(0.25, 2)).toBeNull();
	});

	it('matches a decoded frame whose time was rounded to microseconds', () => {
		const grid = new FrameGrid([0, 1001 / 24000, 2002 / 24000]);
		expect(grid.indexOf(0.041708)).toBe(1);
		expect(grid.indexOf(0.083417)).toBe(2);
	});

	it('says which frames every n-th sampling takes', () => {
		const grid = new FrameGrid(decodeOrder);
		const sampled = decodeOrder.filter((t) => grid.isSampled(t, 3));
		expect(sampled.sort()).toEqual([0, 0.12, 0.24]);
	});
});
