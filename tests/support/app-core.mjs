// The app driver's core, in plain JavaScript so that the benchmark (bench/, plain Node) and the
// browser tests (tests/support/app-driver.ts, browser-db.ts) drive the app the same way:
// through its UI contract (data-testid hooks) and, past the app, its IndexedDB.

/** The app's IndexedDB database. */
export const DB_NAME = 'key-face-frame';

/**
 * @typedef {{ concurrency?: number, sampleRate?: number, maxFrames?: number, confidence?: number, decoder?: string, rangeStart?: number, rangeEnd?: number }} BatchOptions
 */

/**
 * On `/` with the files picked: sets the given options, waits until intake accepted the files
 * (the button is enabled) and starts. Resolves on the batch page with Date.now() at the click.
 * @param {import('@playwright/test').Page} page
 * @param {BatchOptions} [options]
 * @returns {Promise<number>}
 */
export async function setOptionsAndStart(page, options = {}) {
	await setOptions(page, options);
	return start(page);
}

/**
 * Fills the new-batch page's settings fields that `options` names.
 * @param {import('@playwright/test').Page} page
 * @param {BatchOptions} [options]
 */
export async function setOptions(page, options = {}) {
	const { concurrency, sampleRate, maxFrames, confidence, decoder, rangeStart, rangeEnd } = options;
	if (concurrency) await page.getByTestId('concurrency').selectOption(String(concurrency));
	if (sampleRate) await page.getByTestId('sample-rate').fill(String(sampleRate));
	if (maxFrames) await page.getByTestId('max-frames').fill(String(maxFrames));
	if (confidence) await page.getByTestId('confidence').fill(String(confidence));
	if (decoder) await page.getByTestId('decoder').selectOption(decoder);
	if (rangeStart !== undefined) await page.getByTestId('range-start').fill(String(rangeStart));
	if (rangeEnd !== undefined) await page.getByTestId('range-end').fill(String(rangeEnd));
}

/**
 * Clicks Start once it is enabled; returns when it was clicked (ms since the epoch).
 * @param {import('@playwright/test').Page} page
 */
export async function start(page) {
	await page.waitForSelector('[data-testid="start-batch"]:enabled');
	const clickedAt = Date.now();
	await page.getByTestId('start-batch').click();
	await page.waitForURL(/\/batches\//);
	return clickedAt;
}

/**
 * Every row of the given stores, read straight from IndexedDB past the app: what the database
 * really holds. Blob fields come back as null (they do not cross page.evaluate).
 * @param {import('@playwright/test').Page} page
 * @param {readonly string[]} stores
 * @returns {Promise<Record<string, Record<string, unknown>[]>>}
 */
export function readStoreRows(page, stores) {
	return page.evaluate(
		async ({ name, stores }) => {
			const db = await new Promise((resolve, reject) => {
				const open = indexedDB.open(name);
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			const tx = db.transaction([...stores], 'readonly');
			const rows = await Promise.all(
				stores.map(
					(store) =>
						new Promise((resolve, reject) => {
							const request = tx.objectStore(store).getAll();
							request.onsuccess = () => resolve(request.result);
							request.onerror = () => reject(request.error);
						})
				)
			);
			db.close();
			/** @param {Record<string, unknown>} row */
			const plain = (row) =>
				Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Blob ? null : v]));
			return Object.fromEntries(stores.map((store, i) => [store, rows[i].map(plain)]));
		},
		{ name: DB_NAME, stores }
	);
}
