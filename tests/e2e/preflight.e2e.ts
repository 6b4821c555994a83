// Before Start, the new-batch page says what this browser makes slower or impossible, and how
// long the batch should take at this device's measured speed.
import { expect, test, type Page } from '@playwright/test';
import { fixture, startBatch, waitForFinal } from './helpers';

const notice = (page: Page) => page.getByTestId('capability-notice');

test('without WebCodecs: "slower" at start-up, and the batch can still start', async ({ page }) => {
	await page.addInitScript(() => {
		delete (window as unknown as Record<string, unknown>).VideoDecoder;
	});
	await page.goto('/');
	await expect(notice(page).locator('[data-code="no-webcodecs"]')).toHaveAttribute(
		'data-impact',
		'slower'
	);
	await expect(notice(page)).toContainText('ffmpeg.wasm, 2–3× slower');
	await page.getByTestId('file-input').setInputFiles(fixture('faces_timeline.mp4'));
	await expect(page.getByTestId('start-batch')).toBeEnabled();
	await expect(notice(page).locator('[data-code="codec-fallback"]')).toHaveCount(0);
});

test('a codec WebCodecs refuses is named as slower before the batch starts', async ({ page }) => {
	await page.addInitScript(() => {
		const original = VideoDecoder.isConfigSupported.bind(VideoDecoder);
		VideoDecoder.isConfigSupported = (config) =>
			config.codec.startsWith('vp09')
				? Promise.resolve({ supported: false, config })
				: original(config);
	});
	await page.goto('/');
	await expect(notice(page)).toHaveCount(0);
	await page
		.getByTestId('file-input')
		.setInputFiles([fixture('faces_timeline.mp4'), fixture('megamind_vp9.webm')]);
	const fallback = notice(page).locator('[data-code="codec-fallback"]');
	await expect(fallback).toContainText('megamind_vp9.webm');
	await expect(fallback).not.toContainText('faces_timeline.mp4');
	await expect(page.getByTestId('start-batch')).toBeEnabled();
});

test('without WebAssembly nothing can start, and the page says why', async ({ page }) => {
	await page.addInitScript(() => {
		delete (globalThis as unknown as Record<string, unknown>).WebAssembly;
	});
	await page.goto('/');
	await expect(notice(page).locator('[data-code="no-wasm"]')).toHaveAttribute(
		'data-impact',
		'impossible'
	);
	await page.getByTestId('file-input').setInputFiles(fixture('faces_timeline.mp4'));
	await expect(page.getByText('1 video ready')).toBeVisible();
	await expect(page.getByTestId('start-batch')).toBeDisabled();
});

test('the estimate beside Start is a guess at first, then this device measured', async ({
	page
}) => {
	await page.goto('/');
	await page.getByTestId('file-input').setInputFiles(fixture('faces_timeline.mp4'));
	await expect(page.getByTestId('batch-estimate')).toContainText(/About .+ \(a first guess/);

	await startBatch(page, [], { maxFrames: 2 });
	expect(await waitForFinal(page, 'faces_timeline.mp4')).toBe('completed');
	// "Refined as it runs" is the batch page's remaining time, from measured progress.

	await page.goto('/');
	await page.getByTestId('file-input').setInputFiles(fixture('megamind_vp9.webm'));
	await expect(page.getByTestId('batch-estimate')).toContainText(
		/^About .+ at this device's measured speed$/
	);
});

test.describe('ffmpeg.wasm before Start', () => {
	// No service worker: its precache of the vendor files would fetch the core too.
	test.use({ serviceWorkers: 'block' });
	/** How many times a worker fetched ffmpeg.wasm's core so far. */
	let fetched: () => number;

	test.beforeEach(async ({ page }) => {
		let count = 0;
		page.on('request', (r) => void (/ffmpeg-core\.wasm$/.test(r.url()) && count++));
		fetched = () => count;
		await page.goto('/');
		// WebCodecs reads this one: the face models are prepared, not ffmpeg.wasm.
		await page.getByTestId('file-input').setInputFiles(fixture('faces_timeline.mp4'));
		await expect(page.getByTestId('start-batch')).toBeEnabled();
		await expect(page.getByTestId('batch-estimate')).toBeVisible();
		expect(fetched()).toBe(0);
	});

	test('its core loads while the batch is looked over, once a video only it reads is picked', async ({
		page
	}) => {
		await page.getByTestId('file-input').setInputFiles(fixture('megamind.avi'));
		await expect.poll(fetched, { timeout: 30_000 }).toBe(1);
	});

	test('its core loads as soon as it is chosen as the decoder for the videos picked', async ({
		page
	}) => {
		await page.getByTestId('decoder').selectOption('ffmpeg');
		await expect.poll(fetched, { timeout: 30_000 }).toBe(1);
	});
});
