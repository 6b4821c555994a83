// Keeping the library: storing the first videos asks the browser to keep the site's data, and the
// batch page and Settings say whether it agreed and what to do when it did not. The browser's
// answer depends on its own heuristics (install, bookmarks, use), so the test gives it.
import { expect, test, type Page } from '@playwright/test';
import { startBatch } from '../support/app-driver';

declare global {
	interface Window {
		__persistAnswer: boolean;
	}
}

/**
 * The browser's StorageManager answers `answer` to persist(), and persisted() follows; the grant
 * and the count of requests last across reloads of the tab, as a browser's would.
 */
async function browserAnswers(page: Page, answer: boolean) {
	await page.addInitScript((answer) => {
		const granted = () => sessionStorage.getItem('granted') === 'true';
		window.__persistAnswer = answer;
		navigator.storage.persisted = async () => granted();
		navigator.storage.persist = async () => {
			sessionStorage.setItem('calls', String(Number(sessionStorage.getItem('calls')) + 1));
			sessionStorage.setItem('granted', String(window.__persistAnswer));
			return granted();
		};
	}, answer);
}

const persistCalls = (page: Page) => page.evaluate(() => Number(sessionStorage.getItem('calls')));

test('a refused request: the batch page says so, explains, and can ask again', async ({ page }) => {
	await browserAnswers(page, false);
	await startBatch(page, ['megamind_h264.mp4'], { maxFrames: 2 });
	expect(await persistCalls(page)).toBe(1);
	const state = page.getByTestId('persist-state');
	await expect(state).toHaveAttribute('data-persisted', 'false');
	await expect(state).toContainText('Persistent storage: off');
	await expect(page.getByTestId('persist-refused')).toContainText('install Key Face Frame');
	// Asked again once the person installed or bookmarked the app: now it is kept.
	await page.evaluate(() => (window.__persistAnswer = true));
	await page.getByTestId('persist-storage').click();
	await expect(state).toHaveAttribute('data-persisted', 'true');
	await expect(page.getByTestId('persist-refused')).toHaveCount(0);
});

test('a granted request shows on the batch page and in Settings; later batches do not ask again', async ({
	page
}) => {
	await browserAnswers(page, true);
	await startBatch(page, ['megamind_h264.mp4'], { maxFrames: 2 });
	await expect(page.getByTestId('persist-state')).toHaveAttribute('data-persisted', 'true');
	await expect(page.getByTestId('persist-storage')).toHaveCount(0);
	await page.getByRole('link', { name: 'Settings' }).click();
	await expect(page.getByTestId('persist-state')).toContainText('Persistent storage: on');
	// Already kept: the next batch does not ask again.
	await startBatch(page, ['megamind_vp9.webm'], { maxFrames: 2 });
	await expect(page.getByTestId('persist-state')).toHaveAttribute('data-persisted', 'true');
	expect(await persistCalls(page)).toBe(1);
});
