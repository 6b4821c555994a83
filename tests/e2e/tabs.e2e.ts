// Two tabs of one browser: one runs the queue, the other shows the same progress and its
// commands reach the runner; closing the runner hands the queue to the other tab.
import { expect, test } from '@playwright/test';
import { startBatch, videoRow, waitForFinal } from '../support/app-driver';
import { readStores } from '../support/browser-db';

test('a second tab does not restart the running video, and its Cancel reaches the first', async ({
	context,
	page
}) => {
	const files = ['faces_timeline.mp4', 'megamind_h264.mp4'];
	await startBatch(page, files, { concurrency: 1 });
	await expect(videoRow(page, files[0])).toHaveAttribute('data-status', 'processing');
	const batchUrl = page.url();

	const second = await context.newPage();
	await second.goto(batchUrl);
	await expect(videoRow(second, files[0])).toHaveAttribute('data-status', 'processing');
	// The second tab sees the first tab's progress move, and never set the video back.
	const progress = () =>
		readStores(second, ['videos']).then(({ videos }) =>
			(videos as { name: string; progress: number; attempts: number }[]).find(
				(v) => v.name === files[0]
			)!
		);
	const before = await progress();
	await expect.poll(async () => (await progress()).progress).toBeGreaterThan(before.progress);
	expect((await progress()).attempts).toBe(1);
	await expect(second.getByRole('status').filter({ hasText: 'Resumed' })).toHaveCount(0);

	await second.getByTestId('cancel-batch').click();
	for (const p of [page, second]) {
		await expect(videoRow(p, files[0])).toHaveAttribute('data-status', 'cancelled');
		await expect(videoRow(p, files[1])).toHaveAttribute('data-status', 'cancelled');
	}
});

test('when the tab running the queue closes, the other tab takes it over and finishes', async ({
	context,
	page
}) => {
	const files = ['megamind_vp9.webm', 'megamind_h264.mp4'];
	await startBatch(page, files, { concurrency: 1, maxFrames: 6 });
	await expect(videoRow(page, files[0])).toHaveAttribute('data-status', 'processing');
	const second = await context.newPage();
	await second.goto(page.url());
	await page.close();

	for (const f of files) expect(await waitForFinal(second, f)).toBe('completed');
	const { videos } = await readStores(second, ['videos']);
	// The interrupted video ran again in the second tab: two runs, one result.
	const runs = (videos as { name: string; attempts: number }[]).map((v) => [v.name, v.attempts]);
	expect(runs).toEqual(
		expect.arrayContaining([
			[files[0], 2],
			[files[1], 1]
		])
	);
});
