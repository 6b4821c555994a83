import { appendFileSync, cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/chromium.mjs';
import { readStores } from '../support/browser-db';
import { downloadZip, fixture, startBatch, videoRow, waitForFinal } from './helpers';
import { serveDir } from './static-server';

const BUILD = join(import.meta.dirname, '..', '..', 'build');

/** A private copy of build/, so a test can change it or take its server down. */
function copyOfBuild(): string {
	const dir = mkdtempSync(join(tmpdir(), 'kff-build-'));
	cpSync(BUILD, dir, { recursive: true });
	return dir;
}

/** Records CSP violations from the first script on. */
async function watchCsp(page: Page) {
	await page.addInitScript(() => {
		(window as unknown as { cspViolations: string[] }).cspViolations = [];
		document.addEventListener('securitypolicyviolation', (e) =>
			(window as unknown as { cspViolations: string[] }).cspViolations.push(
				`${e.violatedDirective} ${e.blockedURI}`
			)
		);
	});
	return () =>
		page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

test('installable: Chromium reports no installability errors', async ({ baseURL }) => {
	// A persistent profile: Playwright's usual contexts are incognito, which is never installable.
	const context = await chromium.launchPersistentContext(
		mkdtempSync(join(tmpdir(), 'kff-profile-')),
		{
			executablePath: chromiumPath(),
			args: CHROMIUM_ARGS
		}
	);
	try {
		const page = await context.newPage();
		await page.goto(`${baseURL}/`);
		await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 120_000 });
		const cdp = await context.newCDPSession(page);
		const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
		expect(installabilityErrors).toEqual([]);
		const manifest = await (await page.request.get(`${baseURL}/manifest.webmanifest`)).json();
		expect(manifest).toMatchObject({ display: 'standalone', start_url: '/', scope: '/' });
		expect(
			manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`)
		).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
	} finally {
		await context.close();
	}
});

test('offline: after one visit the app processes and exports with the server gone', async ({
	page,
	context
}) => {
	const server = await serveDir(copyOfBuild());
	const foreign: string[] = [];
	context.on('request', (r) => {
		if (!r.url().startsWith(server.url) && /^https?:/.test(r.url())) foreign.push(r.url());
	});
	const cspViolations = await watchCsp(page);
	await page.goto(`${server.url}/`);
	await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 120_000 });
	await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

	await server.close();
	await context.setOffline(true);
	await page.reload();
	await page.getByTestId('file-input').setInputFiles(fixture('megamind_h264.mp4'));
	await page.getByTestId('max-frames').fill('4');
	await page.getByTestId('start-batch').click();
	await page.waitForURL(/\/batches\//);
	expect(await waitForFinal(page, 'megamind_h264.mp4')).toBe('completed');

	const { name } = await downloadZip(page);
	expect(name).toBe('megamind_h264.mp4_keyframes.zip');

	// A deep link reloads offline.
	await videoRow(page, 'megamind_h264.mp4').getByRole('link', { name: 'Open keyframes' }).click();
	await page.waitForURL(/\/videos\//);
	await page.reload();
	await expect(page.getByTestId('keyframe').first()).toBeVisible();
	await page.goto(`${server.url}/history`);
	await expect(page.getByRole('heading', { name: 'History' })).toBeVisible();

	expect(foreign).toEqual([]);
	expect(await cspViolations()).toEqual([]);
});

test('install precaches the shell only; the vendor files follow before "ready offline"', async ({
	page,
	baseURL
}) => {
	const revisions = JSON.parse(
		readFileSync(join(BUILD, 'vendor', 'revisions.json'), 'utf8')
	) as Record<string, string>;
	const cachedUrls = () =>
		page.evaluate(async () => {
			const out: Record<string, string[]> = {};
			for (const name of await caches.keys()) {
				out[name] = (await (await caches.open(name)).keys()).map(
					(r) => new URL(r.url).pathname + new URL(r.url).search
				);
			}
			return out;
		});
	await page.goto(`${baseURL}/`);
	await page.evaluate(() => navigator.serviceWorker.ready);
	const atInstall = Object.values(await cachedUrls()).flat();
	expect(atInstall.some((u) => u.startsWith('/_app/'))).toBe(true);
	expect(
		atInstall.filter((u) => u.includes('__WB_REVISION__') && u.startsWith('/vendor/ffmpeg'))
	).toEqual([]);

	await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 120_000 });
	const vendor = (await cachedUrls())['kff-vendor'] ?? [];
	expect(vendor.sort()).toEqual(
		Object.entries(revisions)
			.map(([path, rev]) => `${path}?rev=${rev}`)
			.sort()
	);
});

test('a video started at once on a first visit runs before the service worker installs', async ({
	page,
	context
}) => {
	// The worker's script is fetched once, by its registration: when it was, in this clock.
	let registeredAt: number | null = null;
	context.on('request', (r) => {
		if (new URL(r.url()).pathname === '/service-worker.js') registeredAt ??= Date.now();
	});
	await startBatch(page, ['megamind_h264.mp4'], { maxFrames: 4 });
	expect(await waitForFinal(page, 'megamind_h264.mp4')).toBe('completed');
	const [video] = (await readStores(page, ['videos'])).videos as { finishedAt: number }[];

	// Once the run is over, it installs and the app becomes ready offline.
	await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 120_000 });
	expect(registeredAt).toBeGreaterThan(video.finishedAt);
});

test('a second build shows the update prompt, and Reload switches to it', async ({ page }) => {
	const dir = copyOfBuild();
	const server = await serveDir(dir);
	try {
		await page.goto(`${server.url}/`);
		await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 120_000 });
		await expect(page.getByTestId('update-available')).toHaveCount(0);

		// A new deployment: the service worker's bytes change.
		appendFileSync(join(dir, 'service-worker.js'), '\n// second build\n');
		await page.reload();
		await expect(page.getByTestId('update-available')).toBeVisible({ timeout: 60_000 });
		await page.getByTestId('update-available').getByRole('button', { name: 'Reload' }).click();
		await page.waitForEvent('load');
		await expect(page.getByTestId('update-available')).toHaveCount(0);
		const script = await page.evaluate(async () => (await fetch('/service-worker.js')).text());
		expect(script).toContain('// second build');
	} finally {
		await server.close();
	}
});
