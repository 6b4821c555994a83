import { expect, it } from 'vitest';
import type { FFmpegRunner } from '../../src/workers/ffmpeg-runner';
import { packetTimes } from '../../src/workers/probe';

/** An ffmpeg that answers ffprobe's packet listing with `lines` (pts_time,dts_time,flags). */
function probing(lines: string[]): FFmpegRunner {
	return {
		ffprobe: (_args: string[], onLine?: (line: string) => void) => {
			lines.forEach((line) => onLine?.(line));
			return 0;
		}
	} as unknown as FFmpegRunner;
}

it('lists frames and key frames as ffmpeg times them: from the file’s start time', () => {
	// A WebM whose audio starts first (0.019 s): ffmpeg's first frame is at 0.023 s.
	const times = packetTimes(
		probing(['0.042,0.042,K_', '0.125,0.125,__', '0.083,0.083,K_']),
		'in',
		0.019
	);
	expect(times.frames!.map((t) => +t.toFixed(3))).toEqual([0.023, 0.106, 0.064]);
	expect(times.keyframes.map((t) => +t.toFixed(3))).toEqual([0.023, 0.064]);
});

it('leaves out packets an edit list cuts off, and places no frame where a packet has no time', () => {
	const cut = packetTimes(
		probing(['-0.083,-0.125,KD', '0.000,-0.083,K_', '0.041,-0.041,__']),
		'in',
		0
	);
	expect(cut.frames).toEqual([0, 0.041]);
	expect(cut.keyframes).toEqual([0]);
	// AVI: decoding times only. Key frames are still known; frames are not.
	const avi = packetTimes(probing(['N/A,0.000,K_', 'N/A,0.040,__', 'N/A,0.080,K_']), 'in', 0);
	expect(avi.frames).toBeNull();
	expect(avi.keyframes).toEqual([0, 0.08]);
});
