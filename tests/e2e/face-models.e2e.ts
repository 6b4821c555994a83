import { expect, test } from '@playwright/test';
import { fixture, startBatch, videoRow, waitForFinal } from '../support/app-driver';

test('both face models run in a worker; full range finds the 33 px face in messi5.jpg', async ({
	page
}) => {
	await page.goto('/settings');
	await page.getByTestId('model-test-input').setInputFiles(fixture('messi5.jpg'));
	const full = page.locator('[data-testid="model-test-result"][data-model="full"]');
	const short = page.locator('[data-testid="model-test-result"][data-model="short"]');
	await expect(full).toHaveAttribute('data-faces', /\d+/, { timeout: 60_000 });
	await expect(short).toHaveAttribute('data-faces', /\d+/, { timeout: 60_000 });
	expect(Number(await full.getAttribute('data-faces'))).toBeGreaterThanOrEqual(1);
	// The face is ~33 px: short range (close faces) finds none, which is why full range is default.
	expect(Number(await short.getAttribute('data-faces'))).toBe(0);
});

for (const model of ['short', 'full'] as const) {
	test(`the ${model}-range model finds faces in megamind.avi`, async ({ page }) => {
		await page.goto('/');
		await page.getByTestId('face-model').selectOption(model);
		await startBatch(page, ['megamind.avi'], { maxFrames: 5 });
		expect(await waitForFinal(page, 'megamind.avi')).toBe('completed');
		await expect(videoRow(page, 'megamind.avi')).toContainText(/[1-5] keyframes?/);
	});
}

test('a detector that cannot load fails the video as such, and Retry runs it once it can', async ({
	page
}) => {
	// LiteRT's wasm refused, as a half-cached offline copy or a broken download would leave it.
	let refuse = true;
	await page
		.context()
		.route('**/vendor/litert/*.wasm', (route) => (refuse ? route.abort() : route.continue()));
	await startBatch(page, ['faces_timeline.mp4']);
	const row = videoRow(page, 'faces_timeline.mp4');
	expect(await waitForFinal(page, 'faces_timeline.mp4')).toBe('failed');
	await expect(row.getByRole('alert')).toContainText('the face detector did not run');
	await expect(row).not.toContainText('could not be decoded');

	// The same worker loads the runtime again: a failed load leaves nothing half-started.
	refuse = false;
	await row.getByRole('button', { name: 'Retry' }).click();
	await expect(row).not.toHaveAttribute('data-status', 'failed');
	expect(await waitForFinal(page, 'faces_timeline.mp4')).toBe('completed');
	await expect(row).toContainText(/[1-9]\d* keyframes?/);
});
