// Two decoders, one result: WebCodecs (the default where the browser decodes the codec) and
// ffmpeg.wasm (forced in settings, for other formats, and the fallback part-way).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { expectTimelineKept } from '../support/faces-timeline';
import { fixture, startBatch, videoRow, waitForFinal, watchPage } from './helpers';
import { readProcessed, type ProcessedVideo } from './seed-db';

const WEBCODECS_FILES = ['faces_timeline.mp4', 'megamind_h264.mp4', 'megamind_vp9.webm'];

/** Every keyframe of `a` has one in `b` at most one frame away, and the counts agree. */
function expectSameKeyframes(a: ProcessedVideo, b: ProcessedVideo) {
	const ours = a.keyframes.map((k) => k.frameIndex);
	const theirs = b.keyframes.map((k) => k.frameIndex);
	expect(ours.length, `${a.name}: keyframe count`).toBe(theirs.length);
	for (const f of ours) {
		expect(
			theirs.some((g) => Math.abs(f - g) <= 1),
			`${a.name}: frame ${f} (WebCodecs) is within ±1 of an ffmpeg.wasm keyframe ${theirs.join(',')}`
		).toBe(true);
	}
	for (const [i, k] of a.keyframes.entries()) {
		expect(Math.abs(k.timeSec - b.keyframes[i].timeSec), `${a.name}: time of ${i}`).toBeLessThan(
			0.1
		);
	}
}

test('WebCodecs and forced ffmpeg.wasm give the same keyframes (±1 frame) on the fixtures', async ({
	page
}) => {
	test.setTimeout(600_000);
	const watch = watchPage(page);
	await startBatch(page, [...WEBCODECS_FILES, 'megamind.avi'], { decoder: 'auto' });
	for (const file of [...WEBCODECS_FILES, 'megamind.avi'])
		expect(await waitForFinal(page, file)).toBe('completed');
	await page.goto('/');
	// The same files again, on purpose: the library notices, and they are processed again.
	await startBatch(page, WEBCODECS_FILES, { decoder: 'ffmpeg', processAgain: true });
	for (const file of WEBCODECS_FILES) expect(await waitForFinal(page, file)).toBe('completed');

	const videos = await readProcessed(page);
	const batchOf = (decoder: string, file: string) =>
		videos.find((v) => v.name === file && v.decoder === decoder)!;
	for (const file of WEBCODECS_FILES) {
		const webcodecs = batchOf('webcodecs', file);
		const ffmpeg = batchOf('ffmpeg.wasm', file);
		expect(webcodecs, `${file} went through WebCodecs`).toBeTruthy();
		expect(ffmpeg, `${file} went through ffmpeg.wasm`).toBeTruthy();
		expect(webcodecs.decoderNote).toBeNull();
		expect(ffmpeg.decoderNote).toContain('chosen in Settings');
		// One pick per shot: megamind_vp9.webm has two shots.
		expect(webcodecs.keyframes.length).toBeGreaterThanOrEqual(2);
		expectSameKeyframes(webcodecs, ffmpeg);
		// H.264 in MP4 (B-frames): the non-reference pictures that are not sampled stay undecoded,
		// by either decoder.
		for (const video of [webcodecs, ffmpeg]) {
			if (file.endsWith('.mp4')) expect(video.timings?.skipped, file).toBeGreaterThan(0);
			else expect(video.timings?.skipped ?? 0, file).toBe(0);
		}
		// Each is long enough for more than one chunk: the helper thread decoded some of them.
		expect(ffmpeg.timings?.helped, file).toBeGreaterThan(0);
	}
	// AVI is no container WebCodecs' demuxer reads: ffmpeg.wasm takes it, and says why.
	const avi = videos.find((v) => v.name === 'megamind.avi')!;
	expect(avi.decoder).toBe('ffmpeg.wasm');
	expect(avi.decoderNote).toMatch(/WebCodecs cannot read this file/);

	// The video page and the settings page say which decoder each video used.
	await page.goto('/history?q=megamind_vp9');
	await page.getByRole('link', { name: 'megamind_vp9.webm' }).first().click();
	await expect(page.getByTestId('video-decoder')).toContainText(/WebCodecs|ffmpeg\.wasm/);
	await page.goto('/settings');
	await expect(page.getByTestId('webcodecs-available')).toHaveAttribute('data-available', 'true');
	await expect(page.getByTestId('decoder-usage-row')).toHaveCount(7);
	await expect(
		page.locator('[data-testid="decoder-usage-row"][data-decoder="webcodecs"]')
	).toHaveCount(3);
	expect(watch.errors).toEqual([]);
	expect(watch.foreign).toEqual([]);
});

test('a WebCodecs error part-way hands the rest of the video to ffmpeg.wasm', async ({ page }) => {
	// Garbage over two stretches in the middle of the media data: Chromium's decoder stops with
	// an EncodingError there, ffmpeg conceals the damage and goes on.
	const data = readFileSync(fixture('faces_timeline.mp4'));
	let seed = 7;
	const noise = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff;
	for (const start of [data.length >> 1, (data.length >> 1) + 300_000])
		for (let i = start; i < start + 65_536; i++) data[i] = noise();
	const file = join(mkdtempSync(join(tmpdir(), 'kff-')), 'damaged_middle.mp4');
	writeFileSync(file, data);

	await page.goto('/');
	await page.getByTestId('file-input').setInputFiles(file);
	await startBatch(page, []);
	expect(await waitForFinal(page, 'damaged_middle.mp4')).toBe('completed');
	const [video] = await readProcessed(page);
	expect(video.decoder).toBe('ffmpeg.wasm');
	// It stopped after some frames, and those were not redone.
	const stoppedAt = Number(/webcodecs stopped at frame (\d+)/.exec(video.decoderNote ?? '')?.[1]);
	expect(stoppedAt).toBeGreaterThan(0);
	// The decoder's own error, by its name, as the sampling thread met it.
	expect(video.decoderNote).toMatch(/stopped at frame \d+: EncodingError: /);
	expect(video.keyframes.some((k) => k.frameIndex < stoppedAt)).toBe(true);
	expect(video.keyframes.some((k) => k.frameIndex >= stoppedAt)).toBe(true);
	await expect(videoRow(page, 'damaged_middle.mp4')).toHaveAttribute('data-status', 'completed');
});

/** faces_timeline.mp4 as HEVC (B-frames) in `name`'s container, made here by native ffmpeg. */
function hevcCopy(name: string, extra: string[]): string {
	const file = join(mkdtempSync(join(tmpdir(), 'kff-')), name);
	const made = spawnSync(
		'ffmpeg',
		[
			...['-hide_banner', '-nostdin', '-y', '-i', fixture('faces_timeline.mp4'), '-an'],
			...['-c:v', 'libx265', '-preset', 'ultrafast', ...extra],
			...['-x265-params', 'log-level=error', file]
		],
		{ encoding: 'utf8' }
	);
	expect(made.status, made.stderr).toBe(0);
	return file;
}

const HEVC_FILES = [
	['an iPhone-style HEVC .mov', 'faces_timeline_hevc.mov', ['-tag:v', 'hvc1']],
	// Matroska places its packets at their blocks' headers: the frames are read past them.
	['HEVC in Matroska (.mkv)', 'faces_timeline_hevc.mkv', []]
] as const;

for (const [what, name, extra] of HEVC_FILES) {
	test(`${what} goes through ffmpeg.wasm, its unsampled pictures left undecoded`, async ({
		page
	}) => {
		test.setTimeout(300_000);
		const file = hevcCopy(name, [...extra]);
		const watch = watchPage(page);
		await page.goto('/');
		await page.getByTestId('file-input').setInputFiles(file);
		await startBatch(page, []);
		expect(await waitForFinal(page, name)).toBe('completed');
		const [video] = await readProcessed(page);
		// This Chromium decodes no HEVC: ffmpeg.wasm reads it, and leaves pictures out.
		expect(video.decoder).toBe('ffmpeg.wasm');
		expect(video.timings?.skipped).toBeGreaterThan(0);
		expectTimelineKept(video.keyframes.map((k) => k.timeSec));
		expect(watch.errors).toEqual([]);
		expect(watch.foreign).toEqual([]);
	});
}
