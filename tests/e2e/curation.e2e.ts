// Curation on the built site (issue #18): why a frame was chosen, the selection tuned again from
// the run's stored candidates without decoding (kept across a reload, reset to the run's), frames
// newly chosen extracted in the background, and one keyframe per still photo.
import { expect, test, type Page } from '@playwright/test';
import { expectTimelineKept } from '../support/faces-timeline';
import { fixtureJson, startBatch, videoRow, waitForFinal, watchPage } from '../support/app-driver';
import { readStores, storedImages } from '../support/browser-db';

const FACTORS = ['confidence', 'size', 'sharpness', 'frontalness', 'eyes'];

async function openReview(page: Page, file: string) {
	expect(await waitForFinal(page, file)).toBe('completed');
	await videoRow(page, file).getByRole('link', { name: 'Open keyframes' }).click();
	await expect(page.getByTestId('keyframe').first()).toBeVisible();
}

const shown = (page: Page) =>
	page
		.getByTestId('keyframe')
		.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-frame-index'))));

async function setMaxFrames(page: Page, value: number) {
	const input = page.getByTestId('retune-max-frames');
	await input.fill(String(value));
	await input.press('Enter');
}

test('faces_timeline.mp4: why each frame, re-tuned at once, kept across a reload, reset', async ({
	page
}) => {
	const watch = watchPage(page);
	await startBatch(page, ['faces_timeline.mp4']);
	await openReview(page, 'faces_timeline.mp4');
	const original = await shown(page);
	expect(original.length).toBeGreaterThan(3);

	// Every scored sample is kept, not only the chosen frames.
	const { candidates } = await readStores(page, ['candidates']);
	expect(candidates.length).toBeGreaterThan(original.length);

	// Why this frame: each factor 0..1 and a reason in words.
	await page.getByTestId('keyframe').first().click();
	const factors = page.getByTestId('score-factors').locator('[data-factor]');
	await expect(factors).toHaveCount(FACTORS.length);
	for (const [i, name] of FACTORS.entries()) {
		await expect(factors.nth(i)).toHaveAttribute('data-factor', name);
		const value = Number(await factors.nth(i).getAttribute('data-value'));
		expect(value).toBeGreaterThanOrEqual(0);
		expect(value).toBeLessThanOrEqual(1);
	}
	await expect(page.getByTestId('score-reason')).toHaveText(/Score \d\.\d\d · \w+/);

	// Three at once (no decoding: the three best are among the frames extracted already).
	await setMaxFrames(page, 3);
	await expect(page.getByTestId('keyframe')).toHaveCount(3);
	const three = await shown(page);
	expect(three.every((f) => original.includes(f))).toBe(true);
	await expect(page.getByTestId('retune-reset')).toBeEnabled();

	// The tuned selection survives a reload.
	await page.reload();
	await expect(page.getByTestId('keyframe')).toHaveCount(3);
	await expect(page.getByTestId('retune-max-frames')).toHaveValue('3');
	const { videos } = await readStores(page, ['videos']);
	expect(videos[0].keyframeCount).toBe(3);

	// Back to the run's count: the same frames as the run chose.
	await setMaxFrames(page, original.length);
	await expect(page.getByTestId('keyframe')).toHaveCount(original.length);
	expect(await shown(page)).toEqual(original);

	// Reset brings back the run's selection from any tuning.
	await setMaxFrames(page, 2);
	await expect(page.getByTestId('keyframe')).toHaveCount(2);
	await page.getByTestId('retune-reset').click();
	await expect(page.getByTestId('keyframe')).toHaveCount(original.length);
	expect(await shown(page)).toEqual(original);
	// The run's own settings again (its most frames, 20 by default), nothing left to reset.
	await expect(page.getByTestId('retune-max-frames')).toHaveValue('20');
	await expect(page.getByTestId('retune-reset')).toBeDisabled();

	// Sorted by score, the best first; by time again as stored.
	const { keyframes } = await readStores(page, ['keyframes']);
	const byScore = [...keyframes]
		.sort((a, b) => (b.score as number) - (a.score as number))
		.map((k) => k.frameIndex);
	await page.getByTestId('sort-keyframes').selectOption('score');
	await expect.poll(() => shown(page)).toEqual(byScore);
	await page.getByTestId('sort-keyframes').selectOption('time');
	await expect.poll(() => shown(page)).toEqual(original);
	expect(watch.errors).toEqual([]);
	expect(watch.foreign).toEqual([]);
});

test('frames newly chosen are extracted at full size in the background, only those', async ({
	page
}) => {
	await startBatch(page, ['faces_timeline.mp4']);
	await openReview(page, 'faces_timeline.mp4');
	const original = await shown(page);
	const before = await readStores(page, ['keyframes']);
	const ids = new Map(before.keyframes.map((k) => [k.frameIndex as number, k.id]));

	// Without the one-per-shot limit more frames of each shot are chosen; most were never
	// extracted, and their full-size pictures come from the original file.
	await page.getByTestId('retune-one-per-shot').uncheck();
	await expect(page.getByTestId('retune-status')).toHaveText(/Tuned/, { timeout: 120_000 });
	const tuned = await shown(page);
	const added = tuned.filter((f) => !original.includes(f));
	expect(added.length).toBeGreaterThan(0);
	const { keyframes } = await readStores(page, ['keyframes']);
	expect(keyframes.map((k) => k.frameIndex).sort((a, b) => (a as number) - (b as number))).toEqual(
		tuned
	);
	for (const k of keyframes) {
		expect(k).toMatchObject({ width: 1280, height: 720 });
		// Frames extracted by the run keep their rows: only the new ones were extracted.
		if (ids.has(k.frameIndex as number)) expect(k.id).toBe(ids.get(k.frameIndex as number));
	}
	expectTimelineKept(keyframes.map((k) => k.timeSec as number));
});

test('without the original, newly chosen frames show their previews from sampling', async ({
	page
}) => {
	await startBatch(page, ['faces_timeline.mp4']);
	await openReview(page, 'faces_timeline.mp4');
	const original = await shown(page);
	// Every frame the run found faces on has a small colour preview stored with it.
	const { candidates } = await readStores(page, ['candidates']);
	const previews = await storedImages(page, 'candidates', 'thumb');
	expect(previews).toHaveLength(candidates.length);
	for (const p of previews) expect(p).toEqual({ type: 'image/jpeg', width: 192, height: 108 });

	await page.getByRole('link', { name: 'History', exact: true }).click();
	await page.getByTestId('remove-original').click();
	await page.getByTestId('confirm-remove-original').click();
	await expect(page.getByTestId('remove-original')).toHaveCount(0);
	await page.goBack();
	await expect(page.getByTestId('keyframe').first()).toBeVisible();

	await page.getByTestId('retune-one-per-shot').uncheck();
	await expect(page.getByTestId('retune-status')).toContainText('original file is not kept');
	const added = (await shown(page)).filter((f) => !original.includes(f));
	expect(added).toEqual([]);
	const pending = page.getByTestId('pending-frame');
	expect(await pending.count()).toBeGreaterThan(0);
	for (const img of await pending.locator('img').all()) {
		await expect(img).toHaveJSProperty('complete', true);
		expect(await img.evaluate((e: HTMLImageElement) => e.naturalWidth)).toBe(192);
	}
	// Back to the run's selection: nothing is missing, no preview is left.
	await page.getByTestId('retune-reset').click();
	await expect(pending).toHaveCount(0);
});

test('people_two.mp4: one keyframe per still photo', async ({ page }) => {
	const { segments } = fixtureJson<{ segments: { start: number; end: number }[] }>(
		'people_two.json'
	);
	await startBatch(page, ['people_two.mp4']);
	await openReview(page, 'people_two.mp4');
	const times = await page
		.getByTestId('keyframe')
		.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-time'))));
	const perPhoto = segments.map((s) => times.filter((t) => t >= s.start && t < s.end).length);
	console.log(`people_two.mp4 keyframes per photo: ${perPhoto.join(', ')}`);
	expect(Math.max(...perPhoto)).toBe(1);
	expect(times.length).toBeGreaterThanOrEqual(3);
});
