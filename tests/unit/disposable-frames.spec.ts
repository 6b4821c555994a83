import { describe, expect, it } from 'vitest';
import {
	avcLengthSize,
	fillerHeader,
	isDisposableAvcPicture,
	nalLengthSize,
	pictureSlices
} from '../../src/lib/pipeline/disposable-frames';

/** A length-prefixed access unit of NAL units, each given as its header byte and a payload size. */
function accessUnit(
	lengthSize: number,
	nals: [header: number | number[], payload: number][]
): Uint8Array {
	const bytes: number[] = [];
	for (const [header, payload] of nals) {
		const headerBytes = typeof header === 'number' ? [header] : header;
		const length = headerBytes.length + payload;
		for (let i = lengthSize - 1; i >= 0; i--) bytes.push((length >> (8 * i)) & 0xff);
		bytes.push(...headerBytes, ...new Array<number>(payload).fill(0x9a));
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

// HEVC's two header bytes: forbidden bit, nal_unit_type (6 bits), nuh_layer_id (6), TemporalId + 1 (3).
const hevc = (type: number, temporalId = 0) => [type << 1, temporalId + 1];
const TRAIL_N = 0;
const TRAIL_R = 1;
const RASL_N = 8;
const CRA = 21;
const PREFIX_SEI = 39;

describe('pictureSlices', () => {
	it('finds every slice header of an H.264 access unit, and whether any is referenced', () => {
		const au = accessUnit(4, [
			[AUD, 1],
			[B_SLICE, 30],
			[B_SLICE, 20]
		]);
		expect(pictureSlices(au, 4, 'h264')).toEqual({
			headers: [10, 45],
			nonReference: true,
			temporalId: 0
		});
		expect(pictureSlices(accessUnit(4, [[P_SLICE, 9]]), 4, 'h264')?.nonReference).toBe(false);
	});

	it('reads HEVC: the even types below 16 are sub-layer non-reference, with their TemporalId', () => {
		const au = accessUnit(4, [
			[hevc(PREFIX_SEI), 5],
			[hevc(TRAIL_N, 2), 40]
		]);
		expect(pictureSlices(au, 4, 'hevc')).toEqual({
			headers: [15],
			nonReference: true,
			temporalId: 2
		});
		expect(pictureSlices(accessUnit(4, [[hevc(RASL_N), 9]]), 4, 'hevc')?.nonReference).toBe(true);
		for (const type of [TRAIL_R, CRA])
			expect(pictureSlices(accessUnit(4, [[hevc(type), 9]]), 4, 'hevc')?.nonReference).toBe(false);
	});

	it('gives nothing for what it cannot read', () => {
		expect(pictureSlices(accessUnit(4, [[hevc(PREFIX_SEI), 9]]), 4, 'hevc')).toBeNull();
		expect(pictureSlices(accessUnit(4, [[B_SLICE, 300]]).subarray(0, 50), 4, 'h264')).toBeNull();
	});
});

describe('nalLengthSize', () => {
	it('reads avcC and hvcC records, and nothing from Annex B start codes', () => {
		expect(nalLengthSize('h264', new Uint8Array([1, 0x64, 0, 0x1f, 0xfd, 0xe1]))).toBe(2);
		const hvcC = new Uint8Array(23).fill(0);
		hvcC[0] = 1;
		hvcC[21] = 0b1111_0011;
		expect(nalLengthSize('hevc', hvcC)).toBe(4);
		expect(nalLengthSize('h264', new Uint8Array([0, 0, 0, 1, 0x67]))).toBeNull();
		expect(nalLengthSize('hevc', null)).toBeNull();
	});
});

describe('fillerHeader', () => {
	it('turns a slice into filler data: H.264 type 12, HEVC FD_NUT keeping the layer bit', () => {
		expect(fillerHeader(B_SLICE, 'h264')).toBe(12);
		expect(fillerHeader(hevc(TRAIL_N)[0], 'hevc')).toBe(38 << 1);
		expect(fillerHeader((TRAIL_N << 1) | 1, 'hevc')).toBe((38 << 1) | 1);
	});
});
