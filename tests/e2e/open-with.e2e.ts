// Files the system hands to the app: "Open with" (file_handlers, launchQueue) and "Share"
// (share_target, answered by the service worker, offline too) each land in a new batch.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { fixture, videoRow } from './helpers';

test('the manifest declares file handlers and a share target Chromium accepts', async ({
	page,
	context
}) => {
	await page.goto('/');
	const cdp = await context.newCDPSession(page);
	const { errors } = await cdp.send('Page.getAppManifest');
	expect(errors).toEqual([]);
	const manifest = await (await page.request.get('/manifest.webmanifest')).json();
	expect(manifest.file_handlers[0].accept['video/mp4']).toContain('.mp4');
	expect(manifest.share_target).toMatchObject({ action: '/share-target', method: 'POST' });
});

test('files opened with the app (launchQueue) start a new batch', async ({ page }) => {
	await page.addInitScript(() => {
		// Chromium has a launchQueue of its own (it only ever calls it in an installed app).
		const w = window as unknown as { launchConsumer?: unknown };
		Object.defineProperty(window, 'launchQueue', {
			value: { setConsumer: (consumer: unknown) => (w.launchConsumer = consumer) }
		});
	});
	await page.goto('/');
	await page.waitForFunction(() => 'launchConsumer' in window);
	const bytes = [...readFileSync(fixture('megamind_vp9.webm'))];
	await page.evaluate((bytes) => {
		const file = new File([new Uint8Array(bytes)], 'opened.webm', { type: 'video/webm' });
		const handle = { kind: 'file', name: file.name, getFile: () => Promise.resolve(file) };
		const w = window as unknown as { launchConsumer: (params: object) => void };
		w.launchConsumer({ files: [handle] });
	}, bytes);
	await page.waitForURL(/\/batches\//);
	await expect(videoRow(page, 'opened.webm')).toHaveCount(1);
});

test('a video shared to the app, offline, lands in a new batch', async ({ page, context }) => {
	await page.goto('/');
	await page.evaluate(() => navigator.serviceWorker.ready);
	await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
	await context.setOffline(true);

	// What a share sheet does: a multipart POST navigation to the share action.
	const bytes = [...readFileSync(fixture('megamind_vp9.webm'))];
	await page.evaluate((bytes) => {
		const form = document.createElement('form');
		form.method = 'POST';
		form.enctype = 'multipart/form-data';
		form.action = '/share-target';
		const input = document.createElement('input');
		input.type = 'file';
		input.name = 'videos';
		const data = new DataTransfer();
		data.items.add(new File([new Uint8Array(bytes)], 'shared.webm', { type: 'video/webm' }));
		input.files = data.files;
		form.append(input);
		document.body.append(form);
		form.submit();
	}, bytes);
	await page.waitForURL(/\/batches\//);
	await expect(videoRow(page, 'shared.webm')).toHaveCount(1);
	// The share was taken out of the inbox: nothing is kept twice.
	const left = await page.evaluate(
		() =>
			new Promise<number>((resolve) => {
				const open = indexedDB.open('kff-share-inbox');
				open.onsuccess = () => {
					const count = open.result.transaction('shares').objectStore('shares').count();
					count.onsuccess = () => resolve(count.result);
				};
			})
	);
	expect(left).toBe(0);
});
