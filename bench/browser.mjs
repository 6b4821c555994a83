// Launches Chromium and drives the app through its UI contract (data-testid hooks).
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './config.mjs';

const POLL_MS = 200;

export function launchBrowser() {
	return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** Picks the files on `/`, sets the concurrency and starts; returns Date.now() at the click. */
export async function startBatch(page, baseUrl, files, { concurrency, decoder } = {}) {
	await page.goto(`${baseUrl}/`);
	await page.getByTestId('file-input').setInputFiles(files);
	if (concurrency) await page.getByTestId('concurrency').selectOption(String(concurrency));
	if (decoder) await page.getByTestId('decoder').selectOption(decoder);
	// Intake sniffs the files asynchronously; the button is enabled once they are accepted.
	await page.waitForSelector('[data-testid="start-batch"]:enabled');
	const clickedAt = Date.now();
	await page.getByTestId('start-batch').click();
	await page.waitForURL(/\/batches\//);
	return clickedAt;
}

/**
 * Polls the batch page until `count` rows are completed; throws with the row text on a failed
 * or cancelled row. Returns when it saw them done and the most rows seen processing at once.
 */
export async function waitForCompleted(page, count, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	let maxProcessing = 0;
	for (;;) {
		const rows = await page
			.getByTestId('video-row')
			.evaluateAll((els) =>
				els.map((e) => ({ status: e.getAttribute('data-status'), text: e.innerText }))
			);
		const bad = rows.find((r) => r.status === 'failed' || r.status === 'cancelled');
		if (bad) throw new Error(`A video ended ${bad.status}:\n${bad.text}`);
		maxProcessing = Math.max(maxProcessing, rows.filter((r) => r.status === 'processing').length);
		if (rows.length === count && rows.every((r) => r.status === 'completed')) {
			return { doneAt: Date.now(), maxProcessing };
		}
		if (Date.now() > deadline) {
			throw new Error(
				`Timed out after ${timeoutMs / 1000} s:\n${rows.map((r) => r.text).join('\n')}`
			);
		}
		await page.waitForTimeout(POLL_MS);
	}
}

/** The video rows as the worker recorded them, read with the raw IndexedDB API. */
export function readVideos(page) {
	return page.evaluate(
		() =>
			new Promise((resolve, reject) => {
				const open = indexedDB.open('key-face-frame');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const req = db.transaction('videos').objectStore('videos').getAll();
					req.onerror = () => reject(req.error);
					req.onsuccess = () => {
						db.close();
						// Only plain fields: the thumbnail Blob does not cross page.evaluate.
						resolve(
							req.result.map((v) => ({
								name: v.name,
								durationSec: v.durationSec,
								keyframeCount: v.keyframeCount,
								decoder: v.decoder,
								decoderNote: v.decoderNote,
								timings: v.timings,
								startedAt: v.startedAt,
								finishedAt: v.finishedAt
							}))
						);
					};
				};
			})
	);
}
