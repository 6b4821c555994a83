import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/chromium.mjs';
import { expectTimelineKept } from '../support/faces-timeline';
import { startBatch, videoRow, waitForFinal, watchPage } from './helpers';

// A machine without a usable GPU: no hardware GL and no software rasterizer, so no WebGL at all,
// not even for OffscreenCanvas in workers (which --disable-webgl would leave on).
test.use({
	launchOptions: {
		executablePath: chromiumPath(),
		args: [...CHROMIUM_ARGS, '--disable-software-rasterizer']
	}
});

test('without any WebGL, faces_timeline.mp4 keeps precision and coverage 1.0', async ({ page }) => {
	const watch = watchPage(page);
	await page.goto('/');
	const webgl = await page.evaluate(
		() =>
			new Promise<boolean>((resolve) => {
				const script = `postMessage(!!new OffscreenCanvas(8, 8).getContext('webgl2'))`;
				const worker = new Worker(URL.createObjectURL(new Blob([script])));
				worker.onmessage = (e) => resolve(e.data as boolean);
			})
	);
	expect(webgl, 'this browser has no WebGL2 in workers').toBe(false);

	await startBatch(page, ['faces_timeline.mp4']);
	expect(await waitForFinal(page, 'faces_timeline.mp4')).toBe('completed');
	await videoRow(page, 'faces_timeline.mp4').getByRole('link', { name: 'Open keyframes' }).click();
	await expect(page.getByTestId('keyframe').first()).toBeVisible();
	const times = await page
		.getByTestId('keyframe')
		.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-time'))));
	expectTimelineKept(times);
	expect(watch.errors).toEqual([]);
	expect(watch.foreign).toEqual([]);
});
