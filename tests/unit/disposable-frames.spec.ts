import { describe, expect, it } from 'vitest';
import { avcLengthSize, isDisposableAvcPicture } from '../../src/lib/pipeline/disposable-frames';

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
