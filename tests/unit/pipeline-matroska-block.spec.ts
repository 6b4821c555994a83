import { expect, it } from 'vitest';
import { blockFrameOffset, MAX_BLOCK_HEADER } from '$lib/pipeline/matroska-block';

const frame = [0, 0, 0, 5, 1, 2, 3, 4, 5];

it('finds the frame after the track number, timecode and flags of a block', () => {
	// Track 1 (one byte, 0x81), timecode 0x0010, flags: keyframe.
	expect(blockFrameOffset(new Uint8Array([0x81, 0x00, 0x10, 0x80, ...frame]))).toBe(4);
	// Track 200 takes two bytes (0x40 0xC8).
	expect(blockFrameOffset(new Uint8Array([0x40, 0xc8, 0x00, 0x10, 0x00, ...frame]))).toBe(5);
	// The longest track number, eight bytes.
	const longest = [0x01, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0];
	expect(blockFrameOffset(new Uint8Array([...longest, ...frame]))).toBe(MAX_BLOCK_HEADER);
});

it('leaves laced blocks and what is no block alone', () => {
	for (const lacing of [0b010, 0b100, 0b110])
		expect(blockFrameOffset(new Uint8Array([0x81, 0, 0, lacing, ...frame]))).toBeNull();
	// No track number starts with a zero byte; a block cut short has no flags.
	expect(blockFrameOffset(new Uint8Array([0x00, 0x81, 0, 0, ...frame]))).toBeNull();
	expect(blockFrameOffset(new Uint8Array([0x40, 0xc8, 0x00]))).toBeNull();
	expect(blockFrameOffset(new Uint8Array([]))).toBeNull();
});
