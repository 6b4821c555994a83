// Curation by hand (#18): ratings and flags, frames added from the player, New batch presets and
// ranges, and a video run again with other settings.
import { expect, test, type Page } from '@playwright/test';
import { readStores } from '../support/browser-db';
import { downloadZip, startBatch, videoRow, waitForFinal } from '../support/app-driver';

interface MetadataRow {
	file: string;
	frameIndex: number;
	rating: number;
	flag: 'pick' | 'reject' | null;
}

async function openReview(page: Page, fileName: string) {
	await videoRow(page, fileName).getByRole('link').first().click();
	await page.waitForURL(/\/videos\//);
	await expect(page.getByTestId('keyframe').first()).toBeVisible();
}

test('ratings and flags: keys and stars, a filter, kept across reload, in metadata.json and the CSV', async ({
	page
}) => {
	await startBatch(page, ['megamind_h264.mp4'], { maxFrames: 4 });
	expect(await waitForFinal(page, 'megamind_h264.mp4')).toBe('completed');
	await openReview(page, 'megamind_h264.mp4');

	const cards = page.getByTestId('keyframe');
	await expect(cards).toHaveCount(4);
	await expect(cards.first()).toHaveAttribute('data-rating', '0');
	const first = await cards.nth(0).getAttribute('data-frame-index');
	const second = await cards.nth(1).getAttribute('data-frame-index');
	const card = (frameIndex: string | null) =>
		page.locator(`[data-testid="keyframe"][data-frame-index="${frameIndex}"]`);

	// Keys on the selected keyframe: 4 stars and a pick.
	await cards.nth(0).click();
	await page.keyboard.press('4');
	await page.keyboard.press('p');
	await expect(card(first)).toHaveAttribute('data-rating', '4');
	await expect(card(first)).toHaveAttribute('data-flag', 'pick');
	// The editor's stars and flag buttons on another: 2 stars, then a reject by X.
	await cards.nth(1).click();
	await page.getByTestId('keyframe-rating').locator('[data-stars="2"]').click();
	await page.keyboard.press('x');
	await expect(card(second)).toHaveAttribute('data-rating', '2');
	await expect(card(second)).toHaveAttribute('data-flag', 'reject');
	await expect(page.getByTestId('keyframe-flag-reject')).toHaveAttribute('aria-pressed', 'true');

	await page.reload();
	await expect(card(first)).toHaveAttribute('data-rating', '4');
	await expect(card(first)).toHaveAttribute('data-flag', 'pick');
	await expect(card(second)).toHaveAttribute('data-rating', '2');

	// Filters: 3 stars or more leaves one; rejects leave the other; counts stay whole.
	const filter = page.getByTestId('rating-filter');
	await filter.selectOption('3+');
	await expect(cards).toHaveCount(1);
	await expect(cards.first()).toHaveAttribute('data-frame-index', first!);
	await expect(page.getByTestId('rating-filter-count')).toContainText('1');
	await filter.selectOption('reject');
	await expect(cards).toHaveCount(1);
	await expect(cards.first()).toHaveAttribute('data-frame-index', second!);
	await filter.selectOption('unrated');
	await expect(cards).toHaveCount(2);
	await filter.selectOption('all');
	await expect(cards).toHaveCount(4);

	const { zip } = await downloadZip(page);
	const metadata = JSON.parse(await zip.file(/metadata\.json$/)[0].async('string')) as {
		keyframes: MetadataRow[];
	};
	const rows = new Map(metadata.keyframes.map((k) => [String(k.frameIndex), k]));
	expect(rows.get(first!)).toMatchObject({ rating: 4, flag: 'pick' });
	expect(rows.get(second!)).toMatchObject({ rating: 2, flag: 'reject' });
	expect([...rows.values()].filter((k) => k.rating === 0 && k.flag === null)).toHaveLength(2);
	const csv = (await zip.file(/metadata\.csv$/)[0].async('string')).replace(/^\uFEFF/, '');
	const [header, ...lines] = csv.trimEnd().split('\r\n');
	expect(header.split(',').slice(-3)).toEqual(['rating', 'flag', 'addedByHand']);
	const line = lines.find((l) => l.startsWith(rows.get(first!)!.file))!;
	expect(line.endsWith(',4,pick,false')).toBe(true);
});

/** Width and height from a JPEG's start-of-frame marker. */
function jpegSize(bytes: Uint8Array): { width: number; height: number } {
	for (let i = 2; i < bytes.length;) {
		const marker = bytes[i + 1];
		const length = (bytes[i + 2] << 8) | bytes[i + 3];
		if (marker >= 0xc0 && marker <= 0xc3)
			return {
				height: (bytes[i + 5] << 8) | bytes[i + 6],
				width: (bytes[i + 7] << 8) | bytes[i + 8]
			};
		i += 2 + length;
	}
	throw new Error('no SOF marker');
}

test('a frame picked by hand in the player, stepped with , and ., is added at full size and exported', async ({
	page
}) => {
	await startBatch(page, ['megamind_h264.mp4'], { maxFrames: 2 });
	expect(await waitForFinal(page, 'megamind_h264.mp4')).toBe('completed');
	await openReview(page, 'megamind_h264.mp4');
	const cards = page.getByTestId('keyframe');
	await expect(cards).toHaveCount(2);

	await page.getByTestId('pick-by-hand').click();
	const player = page.getByTestId('picker-video');
	await expect
		.poll(() => player.evaluate((v: HTMLVideoElement) => v.readyState))
		.toBeGreaterThanOrEqual(1);
	// Drag to about 6 s, then step: two frames on, one back.
	await player.evaluate((v: HTMLVideoElement) => (v.currentTime = 6.01));
	const where = page.getByTestId('picker-frame');
	await expect(where).not.toHaveAttribute('data-frame-index', '0');
	const start = Number(await where.getAttribute('data-frame-index'));
	await page.locator('body').click({ position: { x: 1, y: 1 } });
	await page.keyboard.press('.');
	await page.keyboard.press('.');
	await expect(where).toHaveAttribute('data-frame-index', String(start + 2));
	await page.getByTestId('frame-back').click();
	const picked = start + 1;
	await expect(where).toHaveAttribute('data-frame-index', String(picked));
	const shown = await player.evaluate((v: HTMLVideoElement) => v.currentTime);

	await page.getByTestId('add-frame').click();
	await expect(page.getByTestId('add-frame-status')).toContainText(`Frame ${picked} was added`);
	const added = page.locator(`[data-testid="keyframe"][data-frame-index="${picked}"]`);
	await expect(added).toHaveAttribute('data-by-hand', 'true');
	await expect(added).toHaveAttribute('aria-current', 'true');
	await expect(cards).toHaveCount(3);
	// Measured as sampled frames are, its face's eyes included.
	const eyes = page.getByTestId('score-factors').locator('[data-factor="eyes"]');
	await expect(eyes).toHaveAttribute('data-value', /^[01]\.\d{3}$/);
	// Adding it again adds nothing.
	await page.getByTestId('add-frame').click();
	await expect(page.getByTestId('add-frame-status')).toContainText('already a keyframe');
	await expect(cards).toHaveCount(3);

	// Full size: the video's 640 px wide, in the lightbox and in the ZIP.
	await added.dblclick();
	const natural = await page
		.getByTestId('lightbox')
		.locator('img')
		.evaluate(async (img: HTMLImageElement) => (await img.decode(), img.naturalWidth));
	expect(natural).toBe(640);
	await page.keyboard.press('Escape');

	const { zip } = await downloadZip(page);
	const metadata = JSON.parse(await zip.file(/metadata\.json$/)[0].async('string')) as {
		video: { width: number; height: number; fps: number };
		keyframes: (MetadataRow & { addedByHand: boolean; timeSec: number })[];
	};
	expect(metadata.keyframes).toHaveLength(3);
	const row = metadata.keyframes.find((k) => k.frameIndex === picked)!;
	const { fps } = metadata.video;
	expect(row).toMatchObject({ addedByHand: true, timeSec: Number((picked / fps).toFixed(3)) });
	// The player showed the frame it named: the seek landed inside that frame's time.
	expect(Math.floor(shown * fps)).toBe(picked);
	expect(start).toBe(Math.floor(6.01 * fps));
	expect(metadata.keyframes.filter((k) => k.addedByHand)).toHaveLength(1);
	const jpeg = await zip.file(row.file)!.async('uint8array');
	expect(jpegSize(jpeg)).toEqual({ width: metadata.video.width, height: metadata.video.height });
	expect(metadata.video.width).toBe(640);
});

for (const [decoder, file] of [
	['auto', 'megamind_h264.mp4'],
	['ffmpeg', 'megamind_h264.mp4'],
	['auto', 'megamind_vp9.webm']
] as const)
	test(`New batch: presets fill the fields; every N seconds and a time range take effect on a real run (${decoder}, ${file})`, async ({
		page
	}) => {
		await page.goto('/');
		await page.getByTestId('preset-fast').click();
		await expect(page.getByTestId('sample-rate')).toHaveValue('10');
		await expect(page.getByTestId('max-frames')).toHaveValue('10');
		await expect(page.getByTestId('preset-fast')).toHaveAttribute('aria-pressed', 'true');
		await page.getByTestId('preset-thorough').click();
		await expect(page.getByTestId('sample-rate')).toHaveValue('1');
		await expect(page.getByTestId('max-frames')).toHaveValue('50');
		// Changed by hand, no preset is pressed.
		await page.getByTestId('max-frames').fill('49');
		await expect(page.locator('[data-testid^="preset-"][aria-pressed="true"]')).toHaveCount(0);

		await page.getByTestId('sample-by-seconds').check();
		await expect(page.getByTestId('sample-rate')).toHaveCount(0);
		await page.getByTestId('sample-seconds').fill('0.5');
		// An end before the start is refused with words, and Start waits.
		await page.getByTestId('range-start').fill('6');
		await page.getByTestId('range-end').fill('2');
		await expect(page.getByText('The end must come after the start.')).toBeVisible();
		await page.getByTestId('range-start').fill('2');
		await page.getByTestId('range-end').fill('6');
		await expect(page.getByText('The end must come after the start.')).toHaveCount(0);

		await startBatch(page, [file], { decoder });
		expect(await waitForFinal(page, file)).toBe('completed');
		const { videos, keyframes } = (await readStores(page, ['videos', 'keyframes'])) as unknown as {
			videos: { settings: Record<string, unknown>; fps: number; timings: Record<string, number> }[];
			keyframes: { frameIndex: number; timeSec: number }[];
		};
		expect(videos[0].settings).toMatchObject({
			sampleUnit: 'seconds',
			sampleSeconds: 0.5,
			maxFrames: 49,
			rangeStartSec: 2,
			rangeEndSec: 6
		});
		// Half a second at 23.976 fps is every 12th frame; only between 2 s and 6 s.
		const step = Math.round(0.5 * videos[0].fps);
		expect(step).toBe(12);
		expect(keyframes.length).toBeGreaterThan(1);
		for (const k of keyframes) {
			expect(k.frameIndex % step).toBe(0);
			expect(k.timeSec).toBeGreaterThanOrEqual(2);
			expect(k.timeSec).toBeLessThanOrEqual(6);
		}
		// Both decoders start decoding at the range (from the key frame before its first sample),
		// counting frames as a pass from the first frame does: here frame n is at n / fps.
		const { seekedTo } = videos[0].timings;
		expect(seekedTo).toBeGreaterThanOrEqual(2);
		expect(seekedTo).toBeLessThan(2 + step / videos[0].fps);
		if (file.endsWith('.mp4')) {
			expect(seekedTo * videos[0].fps).toBeCloseTo(48, 1);
			for (const k of keyframes) expect(k.frameIndex).toBe(Math.round(k.timeSec * videos[0].fps));
		}
		// The review page says how the video was sampled.
		await openReview(page, file);
		await expect(page.locator('main')).toContainText('one frame every 0.5 s sampled');
		await expect(page.locator('main')).toContainText(/only 00:00:02\.000 to 00:00:06\.000/);
	});

test('run again with other settings: replaces only when kept, keeps annotations of surviving frames; no dead-end ZIP', async ({
	page
}) => {
	await startBatch(page, ['megamind_h264.mp4'], { maxFrames: 4 });
	expect(await waitForFinal(page, 'megamind_h264.mp4')).toBe('completed');
	await openReview(page, 'megamind_h264.mp4');
	const cards = page.getByTestId('keyframe');
	await expect(cards).toHaveCount(4);
	const before = await cards.evaluateAll((els) => els.map((e) => e.dataset.frameIndex));
	// The best frame is chosen first by any run over the same samples: it survives a smaller one.
	const { keyframes } = (await readStores(page, ['keyframes'])) as unknown as {
		keyframes: { frameIndex: number; score: number }[];
	};
	const best = String(keyframes.reduce((a, b) => (b.score > a.score ? b : a)).frameIndex);
	/** The frames whose faces People holds, and the keyframes with faces: the same when in step. */
	const people = async () => {
		const stored = await readStores(page, ['faces', 'keyframes']);
		const framesOf = (rows: Record<string, unknown>[]) =>
			[...new Set(rows.map((r) => r.frameIndex as number))].sort((a, b) => a - b);
		const withFaces = stored.keyframes.filter((k) => (k.faces as unknown[]).length > 0);
		return { embedded: framesOf(stored.faces), keyframes: framesOf(withFaces) };
	};
	const inStep = async (count: number) => {
		const { keyframes } = await people();
		expect(keyframes).toHaveLength(count);
		await expect.poll(people, { timeout: 60_000 }).toEqual({ embedded: keyframes, keyframes });
	};
	await inStep(4);
	const card = (frameIndex: string) =>
		page.locator(`[data-testid="keyframe"][data-frame-index="${frameIndex}"]`);
	await card(best).click();
	await page.keyboard.press('5');
	await page.getByTestId('keyframe-notes').fill('the best one');
	await page.getByTestId('keyframe-done').click();
	await expect(card(best)).toHaveAttribute('data-rating', '5');

	await page.getByTestId('rerun-open').click();
	const panel = page.getByTestId('rerun-panel');
	await expect(panel.getByTestId('max-frames')).toHaveValue('4');
	await panel.getByTestId('max-frames').fill('2');
	await panel.getByTestId('rerun-start').click();
	await expect(panel.getByTestId('rerun-result')).toHaveAttribute('data-count', '2', {
		timeout: 120_000
	});
	await expect(panel.getByTestId('rerun-keyframe')).toHaveCount(2);
	// Not kept yet: the gallery is as it was; dropping it changes nothing.
	await expect(cards).toHaveCount(4);
	await panel.getByTestId('rerun-discard').click();
	await expect(cards).toHaveCount(4);
	expect(await cards.evaluateAll((els) => els.map((e) => e.dataset.frameIndex))).toEqual(before);

	await panel.getByTestId('rerun-start').click();
	await expect(panel.getByTestId('rerun-result')).toHaveAttribute('data-count', '2', {
		timeout: 120_000
	});
	// The proposal is stored: after a reload it is offered again, with its settings.
	await page.reload();
	await expect(panel.getByTestId('rerun-result')).toHaveAttribute('data-count', '2');
	await expect(panel.getByTestId('rerun-keyframe')).toHaveCount(2);
	await expect(cards).toHaveCount(4);
	await panel.getByTestId('rerun-keep').click();
	await expect(page.getByTestId('rerun-panel')).toHaveCount(0);
	await expect(cards).toHaveCount(2);
	await expect(card(best)).toHaveAttribute('data-rating', '5');
	await card(best).click();
	await expect(page.getByTestId('keyframe-notes')).toHaveValue('the best one');
	const { videos } = (await readStores(page, ['videos'])) as unknown as {
		videos: { settings: { maxFrames: number }; keyframeCount: number }[];
	};
	expect(videos[0]).toMatchObject({ settings: { maxFrames: 2 }, keyframeCount: 2 });
	expect((await readStores(page, ['rerunProposals'])).rerunProposals).toEqual([]);
	// People follows the kept run: the faces of its keyframes, none of the frames it dropped.
	await inStep(2);

	// Everything marked deleted: Download ZIP is disabled, and says why.
	const exportZip = page.getByTestId('export-zip');
	await expect(exportZip).toBeEnabled();
	await page.keyboard.press('Escape');
	await cards.first().focus();
	await page.keyboard.press('Control+a');
	await page.keyboard.press('d');
	await expect(page.locator('[data-testid="keyframe"][data-deleted="true"]')).toHaveCount(2);
	await expect(exportZip).toBeDisabled();
	await expect(page.getByTestId('export-unavailable')).toContainText('marked deleted');
});

test('no retry is offered for a file that can never decode', async ({ page }) => {
	await startBatch(page, ['truncated_no_moov.mp4']);
	expect(await waitForFinal(page, 'truncated_no_moov.mp4')).toBe('failed');
	const row = videoRow(page, 'truncated_no_moov.mp4');
	await expect(row).toContainText('index (moov) is missing');
	await expect(row.getByRole('button', { name: 'Retry' })).toHaveCount(0);
	await expect(page.getByTestId('retry-failed')).toHaveCount(0);
});
