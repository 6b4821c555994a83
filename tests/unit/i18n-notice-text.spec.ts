import { afterEach, expect, it } from 'vitest';
import { noticeText } from '$lib/i18n/notice-text';
import { baseLocale, overwriteGetLocale } from '$lib/paraglide/runtime';

afterEach(() => overwriteGetLocale(() => baseLocale));

it('words notices in English as the app always has', () => {
	expect(noticeText({ code: 'no-faces', confidence: 0.5, model: 'short' })).toBe(
		'No faces found at confidence ≥ 0.5 — try a lower threshold or the full-range model.'
	);
	expect(noticeText({ code: 'no-faces', confidence: 0.7, model: 'full' })).toBe(
		'No faces found at confidence ≥ 0.7 — try a lower threshold.'
	);
	expect(noticeText({ code: 'file-incomplete' })).toContain('index (moov) is missing');
	expect(noticeText({ code: 'still-image', format: 'JPEG' })).toBe(
		'This is a still image (JPEG), not a video.'
	);
	expect(noticeText({ code: 'no-room', needs: 3 * 1024 ** 3, free: 512 * 1024 })).toBe(
		'Not enough storage space: the file needs 3.00 GB, 512 kB is free. Free space in Trash or remove originals.'
	);
	expect(noticeText({ code: 'detector-failed' })).toContain('the face detector did not run');
});

it('words the same notice in Chinese once the reader switches', () => {
	overwriteGetLocale(() => 'zh-CN');
	expect(noticeText({ code: 'stalled', seconds: 120 })).toBe('处理在 120 秒内没有进展，已停止。');
	expect(noticeText({ code: 'damaged-tail', sampled: 1234 })).toContain('采样了 1,234 帧');
	expect(noticeText({ code: 'detector-failed' })).toContain('人脸检测器未能运行');
});

it('a sentence stored before notices had codes shows as it was written', () => {
	expect(noticeText({ code: 'text', text: 'Old words.' })).toBe('Old words.');
});
