// A tab whose upgrade an old tab blocks says what to do. (That a tab writes its pending edits
// before it lets a newer one upgrade is proven in tests/unit/db-connection.spec.ts: in the
// browser, a database left at a version above this build's hung the context's teardown.)
import { expect, test } from '@playwright/test';
import { DB_NAME } from '../support/app-core.mjs';

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
