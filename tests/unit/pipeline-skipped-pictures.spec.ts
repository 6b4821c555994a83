import { describe, expect, it } from 'vitest';
import { FrameGrid } from '$lib/pipeline/frame-grid';
import { lowerBound } from '$lib/pipeline/lower-bound';
import { MAX_SELECTED_TIMES, selectable, selectAtTimes } from '$lib/pipeline/select-times';
import {
	BytePatches,
	countBetween,
	DisposableScan,
	planSkips,
	SKIPPED_PICTURE_LOG
} from '$lib/pipeline/skipped-pictures';

/** One length-prefixed (4-byte) NAL unit: its header bytes and a payload. */
function nal(header: number[], payload = 6): number[] {
	const length = header.length + payload;
	return [0, 0, length >> 8, length & 0xff, ...header, ...new Array<number>(payload).fill(0x5a)];
}
const B = [1]; // H.264 slice, nal_ref_idc 0
const P = [(2 << 5) | 1];
const hevcTrailN = (temporalId: number) => [0, temporalId + 1];

describe('DisposableScan', () => {
	it('keeps the non-reference H.264 pictures, with the file offset of each slice header', () => {
		const scan = new DisposableScan('h264', 4);
		scan.add({ pos: 1000, timeSec: 0, key: true }, new Uint8Array(nal([(3 << 5) | 5])));
		scan.add({ pos: 2000, timeSec: 0.08, key: false }, new Uint8Array(nal(P)));
		scan.add({ pos: 3000, timeSec: 0.04, key: false }, new Uint8Array([...nal([9], 1), ...nal(B)]));
		expect(scan.pictures()).toEqual([{ timeSec: 0.04, patches: [[3010, 12]] }]);
	});

	it('keeps HEVC sub-layer non-reference pictures of the top sub-layer only', () => {
		const scan = new DisposableScan('hevc', 4);
		scan.add({ pos: 0, timeSec: 0.04, key: false }, new Uint8Array(nal(hevcTrailN(0))));
		scan.add({ pos: 100, timeSec: 0.08, key: false }, new Uint8Array(nal(hevcTrailN(1))));
		// TemporalId 0's TRAIL_N may be referred to by sub-layer 1: only sub-layer 1's is left out.
		expect(scan.pictures()).toEqual([{ timeSec: 0.08, patches: [[104, 38 << 1]] }]);
	});

	it('never counts a packet it cannot read', () => {
		const scan = new DisposableScan('h264', 4);
		scan.add({ pos: 0, timeSec: 0.04, key: false }, new Uint8Array(nal(B)).subarray(0, 8));
		expect(scan.pictures()).toEqual([]);
	});
});

describe('BytePatches', () => {
	it('changes the bytes of any read that covers them, wherever the read starts', () => {
		const patches = new BytePatches([
			[15, 1],
			[3, 2],
			[9, 3]
		]);
		expect(patches.size).toBe(3);
		const whole = new Uint8Array(20);
		patches.apply(0, whole);
		expect([whole[3], whole[9], whole[15]]).toEqual([2, 3, 1]);
		const part = new Uint8Array(6);
		patches.apply(9, part);
		expect([...part]).toEqual([3, 0, 0, 0, 0, 0]);
		const none = new Uint8Array(5);
		patches.apply(4, none);
		expect([...none]).toEqual([0, 0, 0, 0, 0]);
	});

	it('gives its changes as pairs that make the same patches (as the helper thread gets them)', () => {
		const patches = new BytePatches([
			[15, 1],
			[3, 2]
		]);
		expect(patches.pairs()).toEqual([
			[3, 2],
			[15, 1]
		]);
		const again = new Uint8Array(20);
		new BytePatches(patches.pairs()).apply(0, again);
		expect([again[3], again[15]]).toEqual([2, 1]);
	});
});

describe('planSkips', () => {
	it('leaves out the disposable pictures that are not sampled', () => {
		// Frames every 0.04 s; sampling every 2nd frame takes 0, 0.08, 0.16.
		const grid = new FrameGrid([0, 0.04, 0.08, 0.12, 0.16]);
		const pictures = [0.04, 0.08, 0.12].map((timeSec, i) => ({
			timeSec,
			patches: [[100 * i, 12]] as [number, number][]
		}));
		const plan = planSkips(pictures, grid, 2);
		expect(plan.times).toEqual([0.04, 0.12]);
		expect(plan.patches.size).toBe(2);
		expect(countBetween(plan.times, 0, 0.08)).toBe(1);
		expect(countBetween(plan.times, 0.04, 0.12)).toBe(2);
		expect(countBetween(plan.times, 0.13, 1)).toBe(0);
	});
});

describe('selectAtTimes', () => {
	it('passes a window around each time, nested in halves', () => {
		expect(selectAtTimes([1.5])).toBe("select='between(t\\,1.499500\\,1.500500)'");
		const three = selectAtTimes([0, 0.2, 0.4]);
		expect(three).toBe(
			"select='(between(t\\,-0.000500\\,0.000500)+(between(t\\,0.199500\\,0.200500)+between(t\\,0.399500\\,0.400500)))'"
		);
		const many = selectAtTimes(Array.from({ length: 256 }, (_, i) => i / 24));
		let depth = 0;
		let deepest = 0;
		for (const c of many) {
			if (c === '(') deepest = Math.max(deepest, ++depth);
			else if (c === ')') depth--;
		}
		expect(deepest).toBeLessThanOrEqual(8 + 1);
	});

	it('is used only for lists it can carry and frames its windows tell apart', () => {
		expect(selectable([0, 0.2], 1 / 60)).toBe(true);
		expect(selectable([], 1 / 60)).toBe(false);
		expect(selectable(new Array<number>(MAX_SELECTED_TIMES + 1).fill(0), 1 / 60)).toBe(false);
		expect(selectable([0, 0.2], 0.001)).toBe(false);
	});
});

describe('SKIPPED_PICTURE_LOG', () => {
	it('matches what ffmpeg says of a left-out H.264 picture, and nothing else', () => {
		expect(SKIPPED_PICTURE_LOG.test('[h264 @ 0xe333b0] no frame!')).toBe(true);
		expect(
			SKIPPED_PICTURE_LOG.test(
				'Error while decoding stream #0:0: Invalid data found when processing input'
			)
		).toBe(true);
		expect(SKIPPED_PICTURE_LOG.test('[mov,mp4] moov atom not found')).toBe(false);
		expect(SKIPPED_PICTURE_LOG.test('[h264 @ 0x1] error while decoding MB 3 4')).toBe(false);
	});
});

describe('lowerBound', () => {
	it('finds the first element not below a value, by a key when given', () => {
		expect(lowerBound([1, 3, 3, 7], 3)).toBe(1);
		expect(lowerBound([1, 3, 3, 7], 8)).toBe(4);
		expect(lowerBound([1.04, 2], 1.0400001, (x) => Math.round(x * 100))).toBe(0);
	});
});
