// Adding a file the library already holds: it is held back with what it matches, and queued only
// when the person asks to process it again; the same file picked twice is listed once.
import { expect, test } from '@playwright/test';
import { fixture, startBatch, waitForFinal } from '../support/app-driver';

const VIDEO = 'megamind_h264.mp4';

test('the same file again asks before it is processed a second time', async ({ page }) => {
	await startBatch(page, [VIDEO], { maxFrames: 2 });
	expect(await waitForFinal(page, VIDEO)).toBe('completed');

	await page.goto('/');
	await page
		.getByTestId('file-input')
		.setInputFiles([fixture(VIDEO), fixture('megamind_vp9.webm')]);
	const duplicate = page.getByTestId('duplicate-file');
	await expect(duplicate).toHaveCount(1);
	await expect(duplicate).toContainText(`${VIDEO}: the same file as ${VIDEO}, added`);
	await expect(duplicate).toContainText(/\(completed, \d+ keyframes\)/);
	await expect(page.getByTestId('start-batch')).toHaveText('Start');
	await duplicate.getByTestId('duplicate-skip').click();
	await expect(duplicate).toHaveCount(0);

	// Picked again, and this time processed again on purpose.
	await page.getByTestId('file-input').setInputFiles(fixture(VIDEO));
	await duplicate.getByTestId('duplicate-add').click();
	await expect(page.getByTestId('start-batch')).toHaveText('Start 2 videos');

	// The same file twice in one pick: listed once, no second question about the library.
	await page.getByTestId('file-input').setInputFiles([fixture('faces_timeline.mp4')]);
	await page.getByTestId('file-input').setInputFiles([fixture('faces_timeline.mp4')]);
	await expect(duplicate).toContainText('picked twice');
	await expect(duplicate.getByTestId('duplicate-add')).toHaveCount(0);
	await expect(page.getByTestId('start-batch')).toHaveText('Start 3 videos');
});
