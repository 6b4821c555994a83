import { expect, it } from 'vitest';
import type { FFmpegRunner } from '../../src/workers/ffmpeg-runner';
import { packetTimes } from '../../src/workers/probe';

/** An ffmpeg that answers ffprobe's packet listing with `lines` (key=value, as `nk=0` prints). */
function probing(lines: string[]): FFmpegRunner {
	return {
		ffprobe: (_args: string[], onLine?: (line: string) => void) => {
			lines.forEach((line) => onLine?.(line));
			return 0;
		}
	} as unknown as FFmpegRunner;
}

/** One packet line: presentation and decoding times, size, file position, flags. */
const packet = (pts: string, dts: string, flags: string, pos = 'N/A', size = 100) =>
	`pts_time=${pts},dts_time=${dts},size=${size},pos=${pos},flags=${flags}`;

it('lists frames and key frames as ffmpeg times them: from the file’s start time', () => {
	// A WebM whose audio starts first (0.019 s): ffmpeg's first frame is at 0.023 s.
	const times = packetTimes(
		probing([
			packet('0.042', '0.042', 'K_', '4000'),
			packet('0.125', '0.125', '__', '4100', 60),
			packet('0.083', '0.083', 'K_', '4160')
		]),
		'in',
		0.019
	);
	expect(times.frames!.map((t) => +t.toFixed(3))).toEqual([0.023, 0.106, 0.064]);
	expect(times.keyframes.map((t) => +t.toFixed(3))).toEqual([0.023, 0.064]);
	// Where each packet is in the file, in decoding order, for reading its NAL units.
	expect(times.packets.map(({ pos, size, key }) => [pos, size, key])).toEqual([
		[4000, 100, true],
		[4100, 60, false],
		[4160, 100, true]
	]);
	expect(times.packets.map((p) => +p.timeSec.toFixed(3))).toEqual([0.023, 0.106, 0.064]);
});

it('leaves out packets an edit list cuts off, and places no frame where a packet has no time', () => {
	const cut = packetTimes(
		probing([
			packet('-0.083', '-0.125', 'KD', '10'),
			packet('0.000', '-0.083', 'K_', '20'),
			packet('0.041', '-0.041', '__', '30')
		]),
		'in',
		0
	);
	expect(cut.frames).toEqual([0, 0.041]);
	expect(cut.keyframes).toEqual([0]);
	expect(cut.packets.map((p) => p.pos)).toEqual([20, 30]);
	// AVI: decoding times only. Key frames are still known; frames (and packets to read) are not.
	const avi = packetTimes(
		probing([
			packet('N/A', '0.000', 'K_', '22268'),
			packet('N/A', '0.040', '__', '27438'),
			packet('N/A', '0.080', 'K_', '46828')
		]),
		'in',
		0
	);
	expect(avi.frames).toBeNull();
	expect(avi.keyframes).toEqual([0, 0.08]);
	expect(avi.packets).toEqual([]);
});
