// Back up a real library (a processed video's keyframes, annotations, tags, a batch, Trash,
// originals, changed settings) from one browser context and restore it into a fresh one, twice;
// a cut-short file, another app's JSON and a JPEG are each refused with a clear message and
// change nothing.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { fixture } from '../support/app-driver';
import { dumpStores, expect, openFullApp, test, type StoresDump } from '../support/full-app';

const SETTINGS_KEY = 'kff.settings';
const LOCALE_KEY = 'kff-locale';

/** Rows in key order, so two dumps compare whatever order the stores were filled in. */
function sorted(dump: StoresDump): StoresDump {
	const key = (row: Record<string, unknown>) =>
		String(row.id ?? row.videoId) + ':' + String(row.frameIndex ?? '');
	return Object.fromEntries(
		Object.entries(dump).map(([store, rows]) => [
			store,
			[...rows].sort((a, b) => key(a).localeCompare(key(b)))
		])
	);
}

const storedSettings = (page: Page) =>
	page.evaluate(
		([s, l]) => ({ settings: localStorage.getItem(s), locale: localStorage.getItem(l) }),
		[SETTINGS_KEY, LOCALE_KEY]
	);

async function restoreFile(page: Page, path: string) {
	await page.getByTestId('restore-library').setInputFiles(path);
}

test('a backup restored into a fresh context, twice; damaged and foreign files change nothing', async ({
	browser,
	appData
}) => {
	test.setTimeout(300_000);
	const dir = mkdtempSync(join(tmpdir(), 'kff-backup-'));

	// The library: the full app's data, with settings and the language changed from the defaults.
	const source = await openFullApp(browser, appData, { locale: 'en-US' });
	await source.page.evaluate(
		([s, l]) => {
			localStorage.setItem(
				s,
				JSON.stringify({
					sampleRate: 9,
					maxFrames: 7,
					confidence: 0.65,
					model: 'short',
					decoder: 'ffmpeg',
					concurrency: 2,
					keepOriginals: false,
					trashRetentionDays: 12
				})
			);
			localStorage.setItem(l, 'zh-CN');
		},
		[SETTINGS_KEY, LOCALE_KEY]
	);
	await source.page.goto('/settings');
	// Start-up keys stored originals (to notice a file added again): let it finish first.
	await expect
		.poll(async () =>
			(await dumpStores(source.page)).videos.some((v) => v.hasOriginal && v.contentKey === null)
		)
		.toBe(false);
	const library = sorted(await dumpStores(source.page));
	const settings = await storedSettings(source.page);
	expect(library.keyframes.length).toBeGreaterThan(3);
	expect(library.annotations.length).toBeGreaterThan(0);
	expect(library.videos.filter((v) => Number(v.deletedAt) > 0).length).toBe(3);
	expect(library.videoBlobs.length).toBeGreaterThan(0);

	// The sizes are shown before writing; the originals are asked for.
	const size = source.page.getByTestId('backup-size');
	await expect(size).toHaveText(/\d/);
	const without = await size.textContent();
	await source.page.getByTestId('backup-originals').check();
	await expect(size).not.toHaveText(without!);
	const [download] = await Promise.all([
		source.page.waitForEvent('download'),
		source.page.getByTestId('backup-library').click()
	]);
	const backup = join(dir, download.suggestedFilename());
	await download.saveAs(backup);
	expect(download.suggestedFilename()).toMatch(/^key-face-frame-backup-.*\.kffbackup$/);
	await expect(source.page.getByTestId('backup-status')).toHaveAttribute('data-state', 'saved');
	await source.context.close();

	// A fresh context: nothing there until the file is restored.
	const context = await browser.newContext({ locale: 'en-US' });
	const page = await context.newPage();
	await page.goto('/settings');
	const status = page.getByTestId('backup-status');
	const alert = page.getByTestId('backup-error');
	await restoreFile(page, backup);
	await expect(status).toHaveAttribute('data-state', 'restored', { timeout: 60_000 });
	await expect(alert).toHaveText('');
	const restored = sorted(await dumpStores(page));
	// Every row of every store, Blobs compared as their bytes (base64), File names included.
	expect(restored).toEqual(library);
	// The restored settings hold every stored value; the app fills fields added since with defaults.
	const back = await storedSettings(page);
	expect(back.locale).toBe(settings.locale);
	expect(JSON.parse(back.settings ?? '{}')).toMatchObject(JSON.parse(settings.settings ?? '{}'));
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	// The settings form shows the restored values at once.
	await expect(page.getByTestId('sample-rate')).toHaveValue('9');

	// Twice is once (after a reload, so the status seen is the second restore's).
	await page.reload();
	await restoreFile(page, backup);
	await expect(status).toHaveAttribute('data-state', 'restored');
	expect(sorted(await dumpStores(page))).toEqual(library);

	// The app's views show the restored library.
	const live = library.videos.filter((v) => Number(v.deletedAt) === 0).length;
	await page.getByRole('link', { name: '历史', exact: true }).click();
	await expect(page.getByTestId('history-row')).toHaveCount(Math.min(live, 20));
	await page.getByRole('link', { name: '回收站', exact: true }).click();
	await expect(page.getByTestId('trash-row')).toHaveCount(3);
	await page.getByRole('link', { name: '设置', exact: true }).click();

	// Refused files: each says why, in the reader's language, and nothing changes.
	const bytes = readFileSync(backup);
	const cut = join(dir, 'cut-short.kffbackup');
	writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
	const otherApp = join(dir, 'other-app-export.json');
	writeFileSync(otherApp, JSON.stringify({ formatName: 'dexie', data: { tables: [] } }));
	const refusals: [string, string][] = [
		[cut, 'damaged'],
		[otherApp, 'foreign'],
		[fixture('messi5.jpg'), 'foreign']
	];
	for (const [path, problem] of refusals) {
		await restoreFile(page, path);
		await expect(alert).toHaveAttribute('data-problem', problem);
		const name = path.split('/').pop()!;
		await expect(alert).toContainText(name);
		await expect(alert).toContainText('未做任何更改');
		expect(sorted(await dumpStores(page))).toEqual(library);
	}
	await context.close();
});
