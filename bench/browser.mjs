// Launches Chromium and drives the app through its UI contract (data-testid hooks).
import { chromium } from '@playwright/test';
import { readStoreRows, setOptions, start } from '../tests/support/app-core.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './config.mjs';

const POLL_MS = 200;

export function launchBrowser() {
	return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * The page's own clock for the two ends of a run, so that neither Playwright's checks before a
 * click nor the polling interval count: the Start click's event time, and the moment the rows
 * first all show completed (SvelteKit goes to the batch page in the same document, so the
 * observer sees it).
 */
function installRunClock(page) {
	return page.evaluate(() => {
		const clock = (window.__kffRunClock = { clickedAt: null, doneAt: null, rows: 0 });
		const now = (t) => Math.round(performance.timeOrigin + t);
		document.addEventListener(
			'click',
			(e) => {
				if (e.target.closest?.('[data-testid="start-batch"]')) clock.clickedAt ??= now(e.timeStamp);
			},
			true
		);
		new MutationObserver(() => {
			const rows = [...document.querySelectorAll('[data-testid="video-row"]')];
			if (clock.doneAt !== null || rows.length === 0) return;
			if (rows.every((r) => r.getAttribute('data-status') === 'completed')) {
				clock.doneAt = now(performance.now());
				clock.rows = rows.length;
			}
		}).observe(document.documentElement, {
			subtree: true,
			childList: true,
			attributes: true,
			attributeFilter: ['data-status']
		});
	});
}

const runClock = (page) => page.evaluate(() => window.__kffRunClock ?? null);

/**
 * On `/`, sets the options, picks the files and starts `pauseMs` after picking (a person still
 * looking over the batch); returns the click's time (ms since the epoch, by the page's clock).
 */
export async function startBatch(page, baseUrl, files, options = {}, pauseMs = 0) {
	await page.goto(`${baseUrl}/`);
	await installRunClock(page);
	// Settings first, as a person who chose them beforehand: what the page prepares on picking
	// depends on them (ffmpeg.wasm's core when it is the decoder).
	await setOptions(page, options);
	await page.getByTestId('file-input').setInputFiles(files);
	if (pauseMs) await page.waitForTimeout(pauseMs);
	const before = await start(page);
	return (await runClock(page))?.clickedAt ?? before;
}

/**
 * Polls the batch page until `count` rows are completed; throws with the row text on a failed
 * or cancelled row. Returns when the page saw them done and the most rows seen processing at once.
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
			// When the page saw them done, not this poll (up to POLL_MS later).
			const clock = await runClock(page);
			const doneAt = clock?.rows === count ? clock.doneAt : Date.now();
			return { doneAt, maxProcessing };
		}
		if (Date.now() > deadline) {
			throw new Error(
				`Timed out after ${timeoutMs / 1000} s:\n${rows.map((r) => r.text).join('\n')}`
			);
		}
		await page.waitForTimeout(POLL_MS);
	}
}

/**
 * Polls until People holds faces and owes none (its embedding runs after a video completes);
 * returns Date.now() then, or null after `timeoutMs` (e.g. face recognition cannot run).
 */
export async function waitForPeople(page, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const { faces, peopleDue } = await readStoreRows(page, ['faces', 'peopleDue']);
		if (faces.length > 0 && peopleDue.length === 0) return Date.now();
		await page.waitForTimeout(POLL_MS);
	}
	return null;
}

/** The video rows as the worker recorded them, read with the raw IndexedDB API. */
export async function readVideos(page) {
	const { videos } = await readStoreRows(page, ['videos']);
	return videos.map((v) => ({
		name: v.name,
		durationSec: v.durationSec,
		keyframeCount: v.keyframeCount,
		decoder: v.decoder,
		decoderNote: v.decoderNote,
		timings: v.timings,
		startedAt: v.startedAt,
		finishedAt: v.finishedAt
	}));
}
