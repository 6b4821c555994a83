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
