// Issue "export": ZIPs of ~100 MB and ~1 GB of keyframes, to show that peak memory does not grow
// with the export. The rows are generated (a batch, one video and its keyframes with one ~250 KB
// JPEG drawn in the page), then exported through the batch page's button, two ways:
// - picker: Chromium's File System Access path, with a stand-in `showSaveFilePicker` (headless
//   Chromium rejects the real one at once) whose writable counts the bytes and drops them;
// - download: browsers without the picker (Firefox, Safari), the ZIP saved as a download.
// Each run has a browser of its own with a profile on disk: Playwright's usual contexts are
// incognito, whose IndexedDB lives in memory and would count the seeded keyframes as memory.
// allRssMB also counts the idle browser the other scenarios use (a constant).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../config.mjs';
import { sampleMemory } from '../memory.mjs';
import { COMPLETED_VIDEO } from '../seed-rows.mjs';
import { round } from '../round.mjs';

const MB = 2 ** 20;
const EXPORT_SIZES_MB = [100, 1024];

/** Writes the rows with the raw IndexedDB API, after the app has created the schema. */
function seed() {
	return async ({ bytes, video }) => {
		const canvas = new OffscreenCanvas(1280, 720);
		const ctx = canvas.getContext('2d');
		// Shapes and mild noise give JPEGs of a real keyframe's size (~150-300 KB).
		for (let i = 0; i < 400; i++) {
			ctx.fillStyle = `hsl(${(i * 37) % 360} 60% ${30 + (i % 40)}%)`;
			ctx.fillRect((i * 97) % 1280, (i * 53) % 720, 40 + (i % 200), 30 + (i % 150));
		}
		const image = ctx.getImageData(0, 0, 1280, 720);
		for (let i = 0; i < image.data.length; i += 4) image.data[i] ^= (i * 2654435761) >>> 29;
		ctx.putImageData(image, 0, 0);
		const jpeg = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
		const small = new OffscreenCanvas(360, 203);
		small.getContext('2d').drawImage(canvas, 0, 0, 360, 203);
		const thumb = await small.convertToBlob({ type: 'image/jpeg' });
		const n = Math.ceil(bytes / jpeg.size);
		const db = await new Promise((resolve) => {
			const req = indexedDB.open('key-face-frame');
			req.onsuccess = () => resolve(req.result);
		});
		const now = Date.now();
		const settings = { ...video.settings, maxFrames: n };
		const batchId = crypto.randomUUID();
		const videoId = crypto.randomUUID();
		const done = (tx) =>
			new Promise((resolve, reject) => {
				tx.oncomplete = resolve;
				tx.onabort = () => reject(tx.error);
			});
		const tx = db.transaction(['batches', 'videos'], 'readwrite');
		tx.objectStore('batches').put({
			id: batchId,
			name: 'export bench',
			createdAt: now,
			startedAt: now,
			completedAt: now,
			concurrency: 1,
			settings,
			state: 'done'
		});
		tx.objectStore('videos').put({
			...video,
			settings,
			id: videoId,
			name: 'export-bench.mp4',
			durationSec: n,
			batchId,
			batchPosition: 0,
			keyframeCount: n,
			createdAt: now,
			updatedAt: now,
			startedAt: now,
			finishedAt: now
		});
		await done(tx);
		// Transactions of 100 keyframes: one of a gigabyte is more than IndexedDB commits at once.
		for (let first = 0; first < n; first += 100) {
			const kt = db.transaction('keyframes', 'readwrite');
			for (let i = first; i < Math.min(n, first + 100); i++) {
				kt.objectStore('keyframes').put({
					id: crypto.randomUUID(),
					videoId,
					frameIndex: i * 25,
					timeSec: i,
					score: 0.8,
					sharpness: 0.7,
					faces: [{ x: 500, y: 200, width: 200, height: 240, score: 0.9, keypoints: [] }],
					width: 1280,
					height: 720,
					image: jpeg,
					thumb
				});
			}
			await done(kt);
		}
		db.close();
		return { batchId, keyframes: n, bytes: jpeg.size * n };
	};
}

/** A `showSaveFilePicker` whose file is a sink that only counts (both the old and new API). */
function countingPicker() {
	window.__kffSavedBytes = 0;
	window.showSaveFilePicker = async () => ({
		async createWritable() {
			const stream = new WritableStream({
				write(chunk) {
					window.__kffSavedBytes += chunk.byteLength;
				}
			});
			// FileSystemWritableFileStream also has write() and close(), queued in call order;
			// the app before streaming used them.
			let queue = Promise.resolve();
			stream.write = (chunk) =>
				(queue = queue.then(async () => {
					const writer = stream.getWriter();
					try {
						await writer.write(chunk);
					} finally {
						writer.releaseLock();
					}
				}));
			const close = stream.close.bind(stream);
			stream.close = () => (queue = queue.then(close));
			return stream;
		}
	});
}

function withoutPicker() {
	delete window.showSaveFilePicker;
}

async function exportOnce(baseUrl, sizeMB, destination) {
	const profile = mkdtempSync(join(tmpdir(), 'kff-bench-profile-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM_PATH,
		args: CHROMIUM_ARGS,
		headless: true,
		acceptDownloads: true,
		locale: 'en-US'
	});
	try {
		await context.addInitScript(destination === 'picker' ? countingPicker : withoutPicker);
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto(`${baseUrl}/history`);
		// The app has created the schema once its empty history shows.
		await page.getByTestId('history-empty').waitFor();
		const seeded = await page.evaluate(
			`(${seed.toString()})()(${JSON.stringify({ bytes: sizeMB * MB, video: COMPLETED_VIDEO })})`
		);
		await page.goto(`${baseUrl}/batches/${seeded.batchId}`);
		const downloads = [];
		page.on('download', (d) => downloads.push(d));
		const memory = await sampleMemory(null, page);
		const started = Date.now();
		await page.getByTestId('export-zip').click();
		// Saved, or an error shown (which fails the run at once rather than at the timeout).
		const saved = page.getByTestId('export-status').filter({ hasText: /^Saved / });
		const failed = page.getByRole('alert');
		await saved
			.or(failed)
			.first()
			.waitFor({ timeout: 15 * 60_000 });
		if (await failed.count()) throw new Error(`export failed: ${await failed.innerText()}`);
		const seconds = (Date.now() - started) / 1000;
		const peaks = await memory.stop();
		const zipBytes = downloads.length
			? statSync(await downloads[0].path()).size
			: await page.evaluate(() => window.__kffSavedBytes);
		return {
			destination,
			keyframes: seeded.keyframes,
			imagesMB: round(seeded.bytes / MB, 1),
			zipMB: round(zipBytes / MB, 1),
			seconds: round(seconds),
			peakMemory: peaks
		};
	} finally {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
}

export async function exportScenario(baseUrl, log) {
	const runs = [];
	for (const destination of ['picker', 'download']) {
		for (const sizeMB of EXPORT_SIZES_MB) {
			log(`export: ~${sizeMB} MB of keyframes, ${destination}`);
			runs.push(await exportOnce(baseUrl, sizeMB, destination));
		}
	}
	return runs;
}

/** Peak memory against export size, for people (stderr). */
export function exportTable(runs) {
	const cell = (v, w = 11) => String(v).padStart(w);
	const head = [
		'destination',
		'images MB',
		'zip MB',
		'seconds',
		'main heap',
		'renderer',
		'all RSS'
	];
	return [
		`export peak memory (MB):`,
		head.map((h) => cell(h, 12)).join(''),
		...runs.map((r) =>
			[
				r.destination,
				r.imagesMB,
				r.zipMB,
				r.seconds,
				r.peakMemory.mainJsHeapMB,
				r.peakMemory.rendererRssMB,
				r.peakMemory.allRssMB
			]
				.map((v) => cell(v, 12))
				.join('')
		)
	].join('\n');
}
