// Shared steps of the browser tests: real fixtures, the real UI.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';
import JSZip from 'jszip';
import { setOptionsAndStart } from './app-core.mjs';

const FIXTURES = resolve(
	process.env.KFF_FIXTURES ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures')
);

export function fixture(name: string): string {
	const path = join(FIXTURES, name);
	if (!existsSync(path)) throw new Error(`Missing test fixture ${path} (set KFF_FIXTURES)`);
	return path;
}

export function fixtureJson<T>(name: string): T {
	return JSON.parse(readFileSync(fixture(name), 'utf8')) as T;
}

export interface BatchOptions {
	concurrency?: 1 | 2 | 3;
	sampleRate?: number;
	maxFrames?: number;
	confidence?: number;
	decoder?: 'auto' | 'ffmpeg';
	/** Every picked file is already in the library: answer "Process it again" for each. */
	processAgain?: boolean;
}

/** Picks the files on `/` (added to any already picked), sets options and starts; resolves on the batch page. */
export async function startBatch(page: Page, files: string[], options: BatchOptions = {}) {
	if (new URL(page.url(), 'http://x').pathname !== '/') await page.goto('/');
	if (files.length) await page.getByTestId('file-input').setInputFiles(files.map(fixture));
	if (options.processAgain) {
		const again = page.getByTestId('duplicate-file');
		await expect(again).toHaveCount(files.length);
		for (let left = files.length; left > 0; left--)
			await again.first().getByTestId('duplicate-add').click();
		await expect(again).toHaveCount(0);
	}
	await setOptionsAndStart(page, options);
}

/**
 * Clicks "Download ZIP" (with face crops if asked) and opens the ZIP the browser saved. The page
 * loses showSaveFilePicker first, as in Firefox and Safari: headless Chromium's rejects at once.
 */
export async function downloadZip(page: Page, faceCrops = false) {
	await page.evaluate(
		() => delete (window as unknown as Record<string, unknown>).showSaveFilePicker
	);
	if (faceCrops) await page.getByTestId('export-face-crops').check();
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('export-zip').click()
	]);
	const zip = await JSZip.loadAsync(readFileSync(await download.path()));
	return { name: download.suggestedFilename(), zip };
}

/** The row of a video on the batch page, by file name. */
export function videoRow(page: Page, fileName: string) {
	return page.getByTestId('video-row').filter({ hasText: fileName });
}

/** Waits until a row reaches a final status and returns it. */
export async function waitForFinal(page: Page, fileName: string, timeout = 240_000) {
	const row = videoRow(page, fileName);
	await expect(row).toHaveAttribute('data-status', /completed|failed|cancelled/, { timeout });
	return (await row.getAttribute('data-status'))!;
}

/** Collects console errors and requests to other origins for the whole test. */
export function watchPage(page: Page) {
	const errors: string[] = [];
	const foreign: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	page.on('pageerror', (e) => errors.push(e.message));
	page.on('request', (r) => {
		const url = new URL(r.url());
		if (!['http:', 'https:'].includes(url.protocol)) return;
		if (url.host !== `127.0.0.1:${process.env.KFF_PORT ?? 4173}`) foreign.push(r.url());
	});
	return { errors, foreign };
}
