import { expect, it } from 'vitest';
import { hexDumpBytes } from '../../src/workers/probe';

it("reads the bytes of ffprobe's -show_data hex dump, not its text column", () => {
	// bench_60s_720p.mp4's avcC as ffprobe prints it (the text column may look like hex too).
	const dump =
		'\n00000000: 0164 001f ffe1 0018 6764 001f acd9 4050  .d......gd....@P\n' +
		'00000010: 05bb 0110 0000 07d0 0001 76a0 f183 1960  ..........v....`\n' +
		'00000020: 0100 0668 ebe3 cb22 c0fd f8f8 00         ...h...".....\n';
	const bytes = hexDumpBytes(dump);
	expect(bytes.length).toBe(45);
	expect([...bytes.subarray(0, 6)]).toEqual([0x01, 0x64, 0x00, 0x1f, 0xff, 0xe1]);
	expect(bytes[44]).toBe(0x00);
	expect(hexDumpBytes('00000000: abcd ef12  face')).toEqual(
		new Uint8Array([0xab, 0xcd, 0xef, 0x12])
	);
	expect(hexDumpBytes('')).toEqual(new Uint8Array(0));
});
