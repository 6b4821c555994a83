// Launches Chromium and drives the app through its UI contract (data-testid hooks).
import { chromium } from '@playwright/test';
import { readStoreRows, setOptionsAndStart } from '../tests/support/app-core.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './config.mjs';

const POLL_MS = 200;

export function launchBrowser() {
	return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * Picks the files on `/`, sets the options and starts, `pauseMs` after picking (a person choosing
 * settings); returns Date.now() at the click.
 */
export async function startBatch(page, baseUrl, files, options = {}, pauseMs = 0) {
	await page.goto(`${baseUrl}/`);
	await page.getByTestId('file-input').setInputFiles(files);
	if (pauseMs) await page.waitForTimeout(pauseMs);
	return setOptionsAndStart(page, options);
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
