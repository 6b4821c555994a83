// A newer version opening the library in another tab: this tab writes the note still waiting in
// its save queue before it lets go, and a tab whose upgrade an old tab blocks says what to do.
import { expect, test, type Page } from '@playwright/test';
import { readStores, seedBatch, seedDb, seedVideo } from '../support/browser-db';
import { DB_NAME } from '../support/app-core.mjs';

/** Opens the library past the app, one schema version above `page`'s, as a newer build would. */
function upgradeFrom(page: Page) {
	return page.evaluate(async (name) => {
		const current = (await indexedDB.databases()).find((d) => d.name === name)!.version!;
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open(name, current + 10);
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const notes = await new Promise<string[]>((resolve) => {
			const all = db.transaction('annotations').objectStore('annotations').getAll();
			all.onsuccess = () => resolve(all.result.map((a: { notes: string }) => a.notes));
		});
		db.close();
		return notes;
	}, DB_NAME);
}

test('a newer tab upgrading the database gets the note this tab had not saved yet', async ({
	context,
	page
}) => {
	const batch = seedBatch('upgrade-batch', 'Upgrade');
	const video = seedVideo({
		id: 'upgrade',
		name: 'upgrade.mp4',
		batchId: batch.id,
		keyframeCount: 1
	});
	await page.goto('/');
	await seedDb(page, {
		videos: [video],
		batches: [batch],
		keyframes: [{ videoId: video.id, frameIndex: 0 }]
	});
	const other = await context.newPage();
	await other.goto('/favicon.svg'); // same origin, no app code
	await page.goto(`/videos/${video.id}`);
	await page.getByTestId('keyframe').click();
	await page.getByTestId('keyframe-notes').fill('typed just before the update');
	// Inside the save queue's quiet time: nothing is stored yet…
	expect((await readStores(page, ['annotations'])).annotations).toEqual([]);
	// …and the newer tab's upgrade waits until this tab has written it and let go.
	expect(await upgradeFrom(other)).toEqual(['typed just before the update']);
});

test('an upgrade that an old tab blocks tells the person to close the other tabs', async ({
	context,
	page
}) => {
	await page.goto('/favicon.svg'); // same origin, no app code
	// An old tab holding version 1 that never closes on `versionchange`.
	await page.evaluate(
		(name) =>
			new Promise<void>((resolve) => {
				const open = indexedDB.open(name, 1);
				open.onsuccess = () => {
					(window as unknown as { held: IDBDatabase }).held = open.result;
					resolve();
				};
			}),
		DB_NAME
	);
	const app = await context.newPage();
	await app.goto('/history');
	await expect(app.getByTestId('upgrade-blocked')).toContainText('Close its other tabs');
	await page.evaluate(() => (window as unknown as { held: IDBDatabase }).held.close());
	await expect(app.getByTestId('upgrade-blocked')).toHaveCount(0);
	await expect(app.getByTestId('history-empty')).toBeVisible();
});
