import { describe, expect, it } from 'vitest';
import {
	frameAt,
	framesToTimecode,
	timecodeAt,
	timecodeRate,
	timecodeToFrames
} from '$lib/export/timecode';

describe('timecodeRate', () => {
	it('counts drop-frame at 29.97 and 59.94 only, however the probe rounded them', () => {
		expect(timecodeRate(30000 / 1001)).toMatchObject({ base: 30, dropFrame: true, ntsc: true });
		expect(timecodeRate(29.97)).toMatchObject({ base: 30, dropFrame: true });
		expect(timecodeRate(59.94)).toMatchObject({ base: 60, dropFrame: true });
		expect(timecodeRate(23.976)).toMatchObject({ base: 24, dropFrame: false, ntsc: true });
		expect(timecodeRate(25)).toMatchObject({ base: 25, dropFrame: false, ntsc: false });
		expect(timecodeRate(30)).toMatchObject({ base: 30, dropFrame: false });
		expect(timecodeRate(25.0000001)).toEqual({ fps: 25, base: 25, ntsc: false, dropFrame: false });
		expect(timecodeRate(null)).toMatchObject({ fps: 25, base: 25 });
		expect(timecodeRate(Number.NaN)).toMatchObject({ fps: 25 });
	});
});

describe('framesToTimecode', () => {
	it('writes non-drop timecode with colons', () => {
		const r = timecodeRate(25);
		expect(framesToTimecode(0, r)).toBe('00:00:00:00');
		expect(framesToTimecode(24, r)).toBe('00:00:00:24');
		expect(framesToTimecode(25 * 3661 + 7, r)).toBe('01:01:01:07');
	});

	it('skips ;00 and ;01 at each minute but the tenth in drop-frame (SMPTE 12M)', () => {
		const r = timecodeRate(29.97);
		expect(framesToTimecode(1799, r)).toBe('00:00:59;29');
		expect(framesToTimecode(1800, r)).toBe('00:01:00;02');
		expect(framesToTimecode(17982, r)).toBe('00:10:00;00');
		expect(framesToTimecode(107892, r)).toBe('01:00:00;00');
		const r60 = timecodeRate(59.94);
		expect(framesToTimecode(3600, r60)).toBe('00:01:00;04');
	});

	it('reads back every frame it writes, over more than ten minutes', () => {
		for (const fps of [23.976, 24, 25, 29.97, 30, 50, 59.94, 60, 12.5]) {
			const r = timecodeRate(fps);
			for (let f = 0; f < r.base * 700; f += 7)
				expect(timecodeToFrames(framesToTimecode(f, r), r)).toBe(f);
		}
	});

	it('round-trips a time to within one frame', () => {
		for (const fps of [23.976, 25, 29.97, 59.94]) {
			const r = timecodeRate(fps);
			for (const t of [0, 0.04, 1.5, 59.99, 600.3, 3599.9]) {
				const back = timecodeToFrames(timecodeAt(t, r), r) / r.fps;
				expect(Math.abs(back - t)).toBeLessThanOrEqual(1 / r.fps);
			}
		}
	});

	it('reads a bad time as the first frame and refuses what is not a timecode', () => {
		expect(frameAt(-3, timecodeRate(25))).toBe(0);
		expect(() => timecodeToFrames('1:2:3', timecodeRate(25))).toThrow();
	});
});
