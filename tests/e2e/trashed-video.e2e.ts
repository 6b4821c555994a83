// A video in the Trash opened by a direct link: the page says so, nothing on it can be edited
// (fields, keyboard, bulk edits, export), and Restore makes it editable again.
import { expect, test } from '@playwright/test';
import {
	DAY,
	readStores,
	seedAnnotation,
	seedBatch,
	seedDb,
	seedVideo
} from '../support/browser-db';

test('a trashed video is read-only until restored', async ({ page }) => {
	const batch = seedBatch('trashed-batch', 'Trashed');
	const deletedAt = Date.now() - 2 * DAY;
	const video = seedVideo({
		id: 'trashed',
		name: 'trashed.mp4',
		batchId: batch.id,
		keyframeCount: 2,
		deletedAt,
		tags: ['kept-tag']
	});
	await page.goto('/');
	await seedDb(page, {
		videos: [video],
		batches: [batch],
		keyframes: [
			{ videoId: video.id, frameIndex: 0 },
			{ videoId: video.id, frameIndex: 25 }
		],
		annotations: [seedAnnotation(video.id, 0, { notes: 'written before the trash' })]
	});
	await page.goto(`/videos/${video.id}`);
	const notice = page.getByTestId('trashed-notice');
	await expect(notice).toContainText('This video is in the Trash');
	// Deleted for good after the default 30 days in the Trash.
	const purge = new Date(deletedAt + 30 * DAY).toLocaleDateString('en', { dateStyle: 'medium' });
	await expect(notice).toContainText(purge);
	await expect(page.getByTestId('export-zip')).toHaveCount(0);

	const first = page.locator('[data-testid="keyframe"][data-frame-index="0"]');
	await first.click();
	const notes = page.getByTestId('keyframe-notes');
	await expect(notes).toHaveValue('written before the trash');
	await expect(notes).toBeDisabled();
	await expect(page.getByTestId('keyframe-tags')).toBeDisabled();
	await expect(page.getByTestId('keyframe-delete')).toBeDisabled();
	await expect(page.getByTestId('video-tags')).toBeDisabled();
	// The keyboard cannot mark it deleted either, nor can a multi-selection edit it.
	await first.focus();
	await page.keyboard.press('Delete');
	await page.keyboard.press('Control+a');
	await expect(page.getByTestId('bulk-tag')).toHaveCount(0);
	await expect(first).toHaveAttribute('data-deleted', 'false');
	const { annotations } = await readStores(page, ['annotations']);
	expect(annotations).toMatchObject([{ frameIndex: 0, deleted: false }]);

	await page.getByTestId('restore-video').click();
	await expect(notice).toHaveCount(0);
	await expect(page.getByTestId('export-zip')).toBeVisible();
	await expect(notes).toBeEnabled();
	await notes.fill('edited after restoring');
	await notes.press('Escape');
	await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
	const after = await readStores(page, ['annotations', 'videos']);
	expect(after.annotations).toMatchObject([{ notes: 'edited after restoring' }]);
	expect(after.videos).toMatchObject([{ id: video.id, deletedAt: 0 }]);
});
