import { expect, test } from '@playwright/test';
import { expectTimelineKept } from '../support/faces-timeline';
import { fixture, startBatch, videoRow, waitForFinal, watchPage } from './helpers';
import { readStores } from './seed-db';

test('faces_timeline.mp4: keyframes only inside face intervals, every interval represented', async ({
	page
}) => {
	const watch = watchPage(page);
	await startBatch(page, ['faces_timeline.mp4']);
	const row = videoRow(page, 'faces_timeline.mp4');
	// Real progress: the row goes through processing with a percentage before completing.
	await expect(row).toHaveAttribute('data-status', 'processing');
	expect(await waitForFinal(page, 'faces_timeline.mp4')).toBe('completed');

	await row.getByRole('link', { name: 'Open keyframes' }).click();
	const frames = page.getByTestId('keyframe');
	await expect(frames.first()).toBeVisible();
	const times = await frames.evaluateAll((els) =>
		els.map((e) => Number(e.getAttribute('data-time')))
	);
	expect(times.length).toBeGreaterThan(2);
	expect(times.length).toBeLessThanOrEqual(20);

	expectTimelineKept(times);
	// The detector saw only the frames that needed it: at least every 3rd sample (0.6 s), fewer
	// than the ~100 sampled (every 5th of 507 frames), and still every interval is represented.
	const { videos } = await readStores(page, ['videos']);
	const detections = (videos[0].timings as Record<string, number>).detections;
	expect(detections).toBeGreaterThanOrEqual(Math.floor(20.28 / 0.6));
	expect(detections).toBeLessThan(100);
	expect(watch.errors).toEqual([]);
	expect(watch.foreign).toEqual([]);
});

async function keyframeTimes(page: import('@playwright/test').Page, fileName: string) {
	await videoRow(page, fileName).getByRole('link', { name: 'Open keyframes' }).click();
	await expect(page.getByTestId('keyframe').first()).toBeVisible();
	const times = await page
		.getByTestId('keyframe')
		.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-time'))));
	await page.goBack();
	return times;
}

// Where the shots of megamind.avi begin, between the samples on either side of each cut as the
// app times them (the first 0.2 s hold no face); megamind_vp9.webm is its first 6 s.
const MEGAMIND_CUTS = [4.1, 6.4, 8.2];

for (const [file, shots] of [
	['megamind.avi', 4],
	['megamind_vp9.webm', 2]
] as const) {
	test(`${file}: one distinct keyframe from each of its shots`, async ({ page }) => {
		await startBatch(page, [file]);
		expect(await waitForFinal(page, file)).toBe('completed');
		const times = await keyframeTimes(page, file);
		// One pick per shot: each shot holds exactly one keyframe, so they spread over the clip.
		const shotOf = (t: number) => MEGAMIND_CUTS.filter((cut) => t >= cut).length;
		expect(times.map(shotOf)).toEqual(Array.from({ length: shots }, (_, i) => i));
		expect(new Set(times).size).toBe(times.length);
	});
}

test('trees_noface.mp4: completes with zero keyframes and says no faces were found', async ({
	page
}) => {
	await startBatch(page, ['trees_noface.mp4']);
	expect(await waitForFinal(page, 'trees_noface.mp4')).toBe('completed');
	const row = videoRow(page, 'trees_noface.mp4');
	await expect(row).toContainText('0 keyframes');
	await expect(row).toContainText('No faces found at confidence ≥ 0.5');
});

test('files that are not videos are refused at intake with a reason', async ({ page }) => {
	await page.goto('/');
	await page
		.getByTestId('file-input')
		.setInputFiles([fixture('empty.mp4'), fixture('not_a_video.mp4'), fixture('messi5.jpg')]);
	const refused = page.getByTestId('refused-file');
	await expect(refused).toHaveCount(3);
	await expect(refused.filter({ hasText: 'empty.mp4' })).toContainText('empty');
	await expect(refused.filter({ hasText: 'not_a_video.mp4' })).toContainText('not a video');
	await expect(refused.filter({ hasText: 'messi5.jpg' })).toContainText('still image');
	await expect(page.getByTestId('start-batch')).toBeDisabled();
});

test('damaged files fail or process what decodes, with a clear message, and never hang', async ({
	page
}) => {
	await startBatch(page, ['truncated_no_moov.mp4', 'truncated_faststart.mp4', 'megamind_vp9.webm']);
	expect(await waitForFinal(page, 'truncated_no_moov.mp4')).toBe('failed');
	await expect(videoRow(page, 'truncated_no_moov.mp4')).toContainText('index (moov) is missing');
	// The ffmpeg log tail is one click away.
	await videoRow(page, 'truncated_no_moov.mp4').getByText('details').click();
	await expect(videoRow(page, 'truncated_no_moov.mp4').locator('pre')).toContainText('moov');

	const faststart = await waitForFinal(page, 'truncated_faststart.mp4');
	const row = videoRow(page, 'truncated_faststart.mp4');
	if (faststart === 'completed') await expect(row).toContainText(/damaged or cut short|keyframe/);
	else await expect(row.getByRole('alert')).not.toBeEmpty();
	// A bad file never stops the batch.
	expect(await waitForFinal(page, 'megamind_vp9.webm')).toBe('completed');
});

test('cancel mid-run leaves the video cancelled, and the pool keeps working', async ({ page }) => {
	await startBatch(page, ['faces_timeline.mp4']);
	const row = videoRow(page, 'faces_timeline.mp4');
	await expect(row).toHaveAttribute('data-status', 'processing');
	// \s: the row now separates with a no-break space ("finding faces · 12/102 frames").
	await expect(row).toContainText(/finding faces\s·\s[1-9]/, { timeout: 60_000 });
	await row.getByRole('button', { name: 'Cancel' }).click();
	await expect(row).toHaveAttribute('data-status', 'cancelled');
	await expect(row.getByRole('alert')).toHaveCount(0);

	await row.getByRole('button', { name: 'Retry' }).click();
	// Still showing 'cancelled' would pass waitForFinal before the retry has even started.
	await expect(row).not.toHaveAttribute('data-status', 'cancelled');
	expect(await waitForFinal(page, 'faces_timeline.mp4')).toBe('completed');
});
