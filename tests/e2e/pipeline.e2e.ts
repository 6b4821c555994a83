import { expect, test } from '@playwright/test';
import { fixtureJson, startBatch, videoRow, waitForFinal, watchPage } from './helpers';

interface Timeline {
	segments: { start: number; end: number; faces: boolean }[];
}

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

	const { segments } = fixtureJson<Timeline>('faces_timeline.json');
	const faceSegments = segments.filter((s) => s.faces);
	for (const t of times) {
		expect(
			faceSegments.some((s) => t >= s.start && t <= s.end),
			`keyframe at ${t}s is in a face interval`
		).toBe(true);
	}
	for (const s of faceSegments) {
		expect(
			times.some((t) => t >= s.start && t <= s.end),
			`interval ${s.start}-${s.end}s has a keyframe`
		).toBe(true);
	}
	expect(watch.errors).toEqual([]);
	expect(watch.foreign).toEqual([]);
});
