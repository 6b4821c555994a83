import { expect, test, type Page } from '@playwright/test';
import { fixture, startBatch, videoRow, waitForFinal } from '../support/app-driver';
import { readStores } from '../support/browser-db';
import { DEFAULT_SETTINGS } from '$lib/settings/extraction-settings';

/** The videos as the database really holds them, with the frame indexes of their keyframes. */
async function storedVideos(page: Page) {
	const { videos, keyframes } = await readStores(page, ['videos', 'keyframes']);
	return (
		videos as {
			id: string;
			name: string;
			status: string;
			finishedAt: number | null;
			keyframeCount: number;
		}[]
	).map((v) => ({
		...v,
		storedKeyframes: (keyframes as { videoId: string; frameIndex: number }[])
			.filter((k) => k.videoId === v.id)
			.map((k) => k.frameIndex)
	}));
}

test('a mixed batch at concurrency 2: good files complete, bad ones are refused or fail, counts are right', async ({
	page
}) => {
	await page.goto('/');
	await page
		.getByTestId('file-input')
		.setInputFiles(
			[
				'megamind_h264.mp4',
				'megamind_vp9.webm',
				'faces_timeline.mp4',
				'empty.mp4',
				'not_a_video.mp4',
				'truncated_no_moov.mp4'
			].map(fixture)
		);
	await expect(page.getByTestId('refused-file')).toHaveCount(2);
	await startBatch(page, [], { concurrency: 2, maxFrames: 8 });
	for (const good of ['megamind_h264.mp4', 'megamind_vp9.webm', 'faces_timeline.mp4']) {
		expect(await waitForFinal(page, good)).toBe('completed');
		await expect(videoRow(page, good)).toContainText(/[1-8] keyframes?/);
	}
	expect(await waitForFinal(page, 'truncated_no_moov.mp4')).toBe('failed');
	await expect(page.getByTestId('batch-summary')).toHaveAttribute('data-state', 'done');
	await expect(page.getByTestId('count-completed')).toHaveText('3 completed');
	await expect(page.getByTestId('count-failed')).toHaveText('1 failed');
	await expect(page.getByTestId('video-row')).toHaveCount(4);
});

test('reload in the middle of a batch: it resumes and finishes each video exactly once', async ({
	page
}) => {
	const files = ['megamind_vp9.webm', 'megamind_h264.mp4', 'megamind.avi'];
	await startBatch(page, files, { concurrency: 1, maxFrames: 6 });
	expect(await waitForFinal(page, files[0])).toBe('completed');
	await expect(videoRow(page, files[1])).toHaveAttribute('data-status', 'processing');
	const before = (await storedVideos(page)).find((v) => v.name === files[0])!;

	await page.reload();
	await expect(page.getByRole('status').filter({ hasText: 'Resumed 1 video' })).toBeVisible();
	for (const f of files) expect(await waitForFinal(page, f)).toBe('completed');

	const after = await storedVideos(page);
	expect(after).toHaveLength(3);
	const first = after.find((v) => v.name === files[0])!;
	expect(first.finishedAt).toBe(before.finishedAt); // not redone
	for (const v of after) {
		expect(v.storedKeyframes.length).toBe(v.keyframeCount);
		expect(new Set(v.storedKeyframes).size).toBe(v.storedKeyframes.length); // no duplicates
	}
});

test('cancel batch: running and pending become cancelled, completed stay completed', async ({
	page
}) => {
	const files = ['megamind_vp9.webm', 'faces_timeline.mp4', 'megamind_h264.mp4'];
	await startBatch(page, files, { concurrency: 1, maxFrames: 6 });
	expect(await waitForFinal(page, files[0])).toBe('completed');
	await expect(videoRow(page, files[1])).toHaveAttribute('data-status', 'processing');
	await page.getByTestId('cancel-batch').click();
	await expect(videoRow(page, files[1])).toHaveAttribute('data-status', 'cancelled');
	await expect(videoRow(page, files[2])).toHaveAttribute('data-status', 'cancelled');
	await expect(videoRow(page, files[0])).toHaveAttribute('data-status', 'completed');
	await expect(page.getByTestId('batch-summary')).toHaveAttribute('data-state', 'cancelled');
	await expect(page.getByTestId('cancel-batch')).toHaveCount(0);
	// Nothing half-written for the cancelled ones.
	const stored = await storedVideos(page);
	for (const name of files.slice(1))
		expect(stored.find((v) => v.name === name)!.storedKeyframes).toEqual([]);
});

test('recent batches are listed on the start page with their state', async ({ page }) => {
	await startBatch(page, ['megamind_vp9.webm'], { maxFrames: 3 });
	expect(await waitForFinal(page, 'megamind_vp9.webm')).toBe('completed');
	await page.getByRole('navigation').getByRole('link', { name: 'New' }).click();
	const recent = page.getByTestId('recent-batch');
	await expect(recent).toHaveCount(1);
	await expect(recent).toContainText('done');
	await recent.getByRole('link').click();
	await expect(videoRow(page, 'megamind_vp9.webm')).toHaveAttribute('data-status', 'completed');
});

test("a batch's own settings do not change the saved defaults", async ({ page }) => {
	await startBatch(page, ['megamind_vp9.webm'], { maxFrames: 3 });
	await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
	await expect(page.getByTestId('max-frames')).toHaveValue(String(DEFAULT_SETTINGS.maxFrames));
	await page.getByRole('navigation').getByRole('link', { name: 'New' }).click();
	await expect(page.getByTestId('max-frames')).toHaveValue(String(DEFAULT_SETTINGS.maxFrames));
});
