import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { watchPage } from '../support/app-driver';

const build = join(import.meta.dirname, '..', '..', 'build');

test('build/ holds the ffmpeg core, the LiteRT runtime, both face models and the landmark model', () => {
	for (const file of [
		'vendor/ffmpeg/ffmpeg-core.js',
		'vendor/ffmpeg/ffmpeg-core.wasm',
		'vendor/litert/litert_wasm_internal.mjs',
		'vendor/litert/litert_wasm_internal.wasm',
		'vendor/litert/litert_wasm_compat_internal.mjs',
		'vendor/litert/litert_wasm_compat_internal.wasm',
		'vendor/models/face_detection_short_range.tflite',
		'vendor/models/face_detection_full_range.tflite',
		'vendor/models/face_landmark.tflite'
	]) {
		expect(existsSync(join(build, file)), file).toBe(true);
		expect(statSync(join(build, file)).size, file).toBeGreaterThan(1000);
	}
});

test('every route loads with the navigation, without console errors or foreign requests', async ({
	page
}) => {
	const watch = watchPage(page);
	for (const [path, heading] of [
		['/', 'New batch'],
		['/history', 'History'],
		['/trash', 'Trash'],
		['/settings', 'Settings']
	]) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
		for (const link of ['New', 'History', 'Trash', 'Settings']) {
			await expect(page.getByRole('navigation').getByRole('link', { name: link })).toBeVisible();
		}
	}
	expect(watch.errors).toEqual([]);
	expect(watch.foreign).toEqual([]);
});

test('deep links load on reload from a plain static server', async ({ page }) => {
	await page.goto('/videos/00000000-0000-4000-8000-000000000000');
	await expect(page.getByRole('heading', { name: 'Video not found' })).toBeVisible();
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Video not found' })).toBeVisible();
	await page.goto('/batches/00000000-0000-4000-8000-000000000000');
	await expect(page.getByRole('heading', { name: 'Batch not found' })).toBeVisible();
});
