// The save picker is asked first, on the click: before annotation edits are flushed and before
// any keyframe is read, while the click still counts as a user gesture. Headless Chromium has
// showSaveFilePicker but rejects it at once, so a stand-in records when it was called and keeps
// the bytes written to it; that ZIP must hold what the download path gives.
import { expect, test, type Page } from '@playwright/test';
import JSZip from 'jszip';
import { downloadZip } from '../support/app-driver';
import { seedBatch, seedDb, seedVideo } from '../support/browser-db';

declare global {
	interface Window {
		kffLog: { what: string; active?: boolean }[];
		kffSaved: number[] | null;
	}
}

/** Logs the picker call and every IndexedDB read or write, with their order. */
function recordingPicker() {
	window.kffLog = [];
	window.kffSaved = null;
	for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype]) {
		for (const method of ['get', 'getAll', 'openCursor', 'put'] as const) {
			const original = (proto as unknown as Record<string, (...a: unknown[]) => unknown>)[method];
			if (!original) continue;
			Object.defineProperty(proto, method, {
				value(this: IDBObjectStore | IDBIndex, ...args: unknown[]) {
					const store = 'objectStore' in this ? this.objectStore.name : this.name;
					window.kffLog.push({ what: `${method === 'put' ? 'write' : 'read'}:${store}` });
					return original.apply(this, args);
				}
			});
		}
	}
	Object.defineProperty(window, 'showSaveFilePicker', {
		value: async () => {
			window.kffLog.push({ what: 'picker', active: navigator.userActivation.isActive });
			const bytes: number[] = [];
			return {
				name: 'picked.zip',
				createWritable: async () =>
					new WritableStream<Uint8Array>({
						write: (chunk) => void bytes.push(...chunk),
						close: () => void (window.kffSaved = bytes)
					})
			};
		}
	});
}

async function seedReview(page: Page) {
	const batch = seedBatch('picker-batch', 'Picker');
	const video = seedVideo({
		id: 'picker',
		name: 'picked.mp4',
		batchId: batch.id,
		keyframeCount: 3
	});
	await page.goto('/');
	await seedDb(page, {
		videos: [video],
		batches: [batch],
		keyframes: [0, 25, 50].map((frameIndex) => ({ videoId: video.id, frameIndex }))
	});
	await page.goto(`/videos/${video.id}`);
	await expect(page.getByTestId('keyframe')).toHaveCount(3);
}

async function entries(zip: JSZip) {
	const names = Object.keys(zip.files).sort();
	return Promise.all(names.map(async (n) => [n, await zip.file(n)!.async('base64')]));
}

test('the picker comes first, on the click; the streamed ZIP equals the download', async ({
	page
}) => {
	await page.addInitScript(recordingPicker);
	await seedReview(page);
	// An edit still waiting in the save queue: the export writes it before reading.
	await page.getByTestId('keyframe').first().click();
	await page.getByTestId('keyframe-notes').fill('picked first');
	await page.evaluate(() => (window.kffLog.length = 0));
	await page.getByTestId('export-zip').click();
	await expect(page.getByTestId('export-status')).toHaveText('Saved picked.zip: 3 images');

	// Before the picker only the video row is read (its name names the file); leaving the notes
	// field may save the note on its own, but no keyframe is read and the gesture still counts.
	const log = await page.evaluate(() => window.kffLog);
	const picker = log.findIndex((e) => e.what === 'picker');
	expect(log[picker]).toEqual({ what: 'picker', active: true });
	expect(log.slice(0, picker).map((e) => e.what)).not.toContain('read:keyframes');
	expect(log.slice(picker).map((e) => e.what)).toContain('read:keyframes');

	const saved = await page.evaluate(() => window.kffSaved);
	const streamed = await JSZip.loadAsync(new Uint8Array(saved!));
	const meta = JSON.parse(await streamed.file('metadata.json')!.async('string'));
	expect(meta.keyframes[0].notes).toBe('picked first');

	const downloaded = await downloadZip(page);
	expect(downloaded.name).toBe('picked.mp4_keyframes.zip');
	expect(await entries(streamed)).toEqual(await entries(downloaded.zip));
});

test('closing the picker is a choice: no error, no status, no download', async ({ page }) => {
	// Headless Chromium's own picker closes at once, as if the person pressed Cancel.
	await seedReview(page);
	const downloads: unknown[] = [];
	page.on('download', (d) => downloads.push(d));
	await page.getByTestId('export-zip').click();
	await expect(page.getByTestId('export-zip')).toBeEnabled();
	await expect(page.getByTestId('export-status')).toHaveText('');
	await expect(page.getByRole('alert')).toHaveCount(0);
	expect(downloads).toEqual([]);
});
