import { describe, expect, it } from 'vitest';
import { fileStem, keyframeFileName, sanitizeFileName, zipFileName } from '$lib/pipeline/naming';

describe('sanitizeFileName', () => {
	it('keeps Unicode names as they are', () => {
		expect(sanitizeFileName('视频.mp4')).toBe('视频.mp4');
		expect(sanitizeFileName('café 🎬 clip.mov')).toBe('café 🎬 clip.mov');
	});

	it('removes path separators, control and Windows-illegal characters', () => {
		expect(sanitizeFileName('../../etc/passwd')).toBe('etcpasswd');
		expect(sanitizeFileName('C:\\videos\\a.mp4')).toBe('Cvideosa.mp4');
		expect(sanitizeFileName('a<b>c:d"e|f?g*h.mp4')).toBe('abcdefgh.mp4');
		expect(sanitizeFileName('tab\there\u0000\u001f\u007f.mp4')).toBe('tabhere.mp4');
	});

	it('trims dots and spaces at the ends and never returns an empty name', () => {
		expect(sanitizeFileName('  .clip.mp4. ')).toBe('clip.mp4');
		expect(sanitizeFileName('')).toBe('video');
		expect(sanitizeFileName(' ../ ')).toBe('video');
		expect(sanitizeFileName('???')).toBe('video');
	});

	it('escapes Windows device names', () => {
		expect(sanitizeFileName('CON.mp4')).toBe('_CON.mp4');
		expect(sanitizeFileName('nul')).toBe('_nul');
		expect(sanitizeFileName('console.mp4')).toBe('console.mp4');
	});

	it('caps the length at 120, keeping the extension', () => {
		const capped = sanitizeFileName('a'.repeat(300) + '.mp4');
		expect(capped).toHaveLength(120);
		expect(capped.endsWith('aaa.mp4')).toBe(true);
		expect(sanitizeFileName('b'.repeat(300))).toBe('b'.repeat(120));
	});

	it('does not split a surrogate pair when capping', () => {
		// 'a' + 200 emoji (2 UTF-16 units each): a cut at 116 would land inside a pair.
		const capped = sanitizeFileName('a' + '😀'.repeat(200) + '.mp4');
		expect(capped.length).toBeLessThanOrEqual(120);
		expect(capped).toBe('a' + '😀'.repeat(57) + '.mp4');
	});
});

describe('fileStem', () => {
	it('drops the last extension only', () => {
		expect(fileStem('clip.mp4')).toBe('clip');
		expect(fileStem('my.holiday.mov')).toBe('my.holiday');
		expect(fileStem('noext')).toBe('noext');
		expect(fileStem('.hidden')).toBe('.hidden');
		expect(fileStem('视频.mp4')).toBe('视频');
	});
});

describe('keyframeFileName', () => {
	it('follows <stem>_<hh-mm-ss.mmm>_f<frameIndex>.jpg', () => {
		expect(keyframeFileName('clip.mp4', 3725.5, 111765)).toBe('clip_01-02-05.500_f111765.jpg');
		expect(keyframeFileName('视频.mp4', 1.5, 45)).toBe('视频_00-00-01.500_f45.jpg');
		expect(keyframeFileName('dir/sub\\my video.mov', 0, 0)).toBe(
			'dirsubmy video_00-00-00.000_f0.jpg'
		);
		expect(keyframeFileName('clip.mp4', 59.9996, 1800)).toBe('clip_00-01-00.000_f1800.jpg');
		expect(keyframeFileName('', 2, 60)).toBe('video_00-00-02.000_f60.jpg');
		expect(keyframeFileName('a .mp4', 2, 60)).toBe('a_00-00-02.000_f60.jpg');
	});
});

describe('zipFileName', () => {
	it('follows <video name>_keyframes.zip', () => {
		expect(zipFileName('clip.mp4')).toBe('clip.mp4_keyframes.zip');
		expect(zipFileName('视频.mp4')).toBe('视频.mp4_keyframes.zip');
		expect(zipFileName('a/b:c.mp4')).toBe('abc.mp4_keyframes.zip');
	});
});
