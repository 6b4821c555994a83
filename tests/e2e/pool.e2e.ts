import { expect, test, type Page } from '@playwright/test';
import { fixture, startBatch, waitForFinal } from '../support/app-driver';
import { setOptionsAndStart } from '../support/app-core.mjs';

const FILES = ['megamind_h264.mp4', 'megamind_vp9.webm', 'megamind.avi'];

/** Polls the batch page until every video is final; returns the most rows seen processing at once. */
async function maxConcurrentProcessing(page: Page): Promise<number> {
	let max = 0;
	for (;;) {
		const statuses = await page
			.getByTestId('video-row')
			.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
		max = Math.max(max, statuses.filter((s) => s === 'processing').length);
		if (
			statuses.length === FILES.length &&
			statuses.every((s) => s !== 'pending' && s !== 'processing')
		) {
			return max;
		}
		await page.waitForTimeout(100);
	}
}

test('concurrency 2: two videos process at the same moment', async ({ page }) => {
	await startBatch(page, FILES, { concurrency: 2, maxFrames: 5 });
	expect(await maxConcurrentProcessing(page)).toBe(2);
	for (const f of FILES) expect(await waitForFinal(page, f)).toBe('completed');
});

test('concurrency 1: never two at once', async ({ page }) => {
	await startBatch(page, FILES, { concurrency: 1, maxFrames: 5 });
	expect(await maxConcurrentProcessing(page)).toBe(1);
	for (const f of FILES) expect(await waitForFinal(page, f)).toBe('completed');
});

test('picking files prepares a worker and its face models before Start; the video runs there', async ({
	page
}) => {
	const extractors: string[] = [];
	page.on('worker', (w) => {
		if (/extractor\.worker/.test(w.url())) extractors.push(w.url());
	});
	await page.goto('/');
	const models = Promise.all([
		page.waitForRequest(/face_detection_full_range\.tflite/),
		page.waitForRequest(/face_landmark\.tflite/)
	]);
	await page.getByTestId('file-input').setInputFiles(fixture('megamind_h264.mp4'));
	// Both models are fetched with the batch not started yet.
	await models;
	expect(page.url()).not.toMatch(/\/batches\//);
	expect(extractors).toHaveLength(1);

	await setOptionsAndStart(page, { maxFrames: 4 });
	expect(await waitForFinal(page, 'megamind_h264.mp4')).toBe('completed');
	expect(extractors).toHaveLength(1);
});
