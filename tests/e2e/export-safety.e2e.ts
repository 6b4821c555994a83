// A note that looks like a spreadsheet formula reaches metadata.csv as text, not as a formula.
import { expect, test } from '@playwright/test';
import { downloadZip } from '../support/app-driver';
import { seedAnnotation, seedBatch, seedDb, seedVideo } from '../support/browser-db';

test('notes and tags starting with = + - @ are neutralised in metadata.csv (OWASP)', async ({
	page
}) => {
	const batch = seedBatch('csv-batch', 'CSV');
	const video = seedVideo({ id: 'csv', name: 'formula.mp4', batchId: batch.id, keyframeCount: 2 });
	await page.goto('/');
	await seedDb(page, {
		videos: [video],
		batches: [batch],
		keyframes: [
			{ videoId: video.id, frameIndex: 0 },
			{ videoId: video.id, frameIndex: 25 }
		],
		annotations: [
			seedAnnotation(video.id, 0, {
				notes: '=HYPERLINK("http://evil.example","click me")',
				tags: ['@SUM(A1)']
			}),
			seedAnnotation(video.id, 25, { notes: '-2+3 is a formula too', tags: ['plain'] })
		]
	});
	await page.goto(`/videos/${video.id}`);
	const { zip } = await downloadZip(page);
	const csv = await zip.file('metadata.csv')!.async('string');
	const [, first, second] = csv.split('\r\n');
	expect(first).toContain(`"'=HYPERLINK(""http://evil.example"",""click me"")"`);
	expect(first).toContain(",'@SUM(A1)");
	expect(second).toContain(",'-2+3 is a formula too,plain");
	// metadata.json keeps the words exactly as typed.
	const meta = JSON.parse(await zip.file('metadata.json')!.async('string'));
	expect(meta.keyframes[0].notes).toBe('=HYPERLINK("http://evil.example","click me")');
});
