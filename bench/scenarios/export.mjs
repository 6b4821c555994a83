// Issue "export": a ZIP of 500 keyframes. The rows are generated (a batch, one video and 500
// keyframes with ~150 KB JPEGs drawn in the page), then exported through the batch page's button.
import { statSync } from 'node:fs';
import { sampleMemory } from '../memory.mjs';
import { COMPLETED_VIDEO } from '../seed-rows.mjs';
import { round } from '../round.mjs';

const KEYFRAMES = 500;

/** Writes the rows with the raw IndexedDB API, after the app has created the schema. */
function seed() {
	return async ({ n, video }) => {
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
		const db = await new Promise((resolve) => {
			const req = indexedDB.open('key-face-frame');
			req.onsuccess = () => resolve(req.result);
		});
		const now = Date.now();
		const settings = { ...video.settings, maxFrames: n };
		const batchId = crypto.randomUUID();
		const videoId = crypto.randomUUID();
		const tx = db.transaction(['batches', 'videos', 'keyframes'], 'readwrite');
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
		for (let i = 0; i < n; i++) {
			tx.objectStore('keyframes').put({
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
		await new Promise((resolve) => (tx.oncomplete = resolve));
		db.close();
		return { batchId, bytes: jpeg.size * n };
	};
}

export async function exportScenario(browser, baseUrl) {
	const context = await browser.newContext({ acceptDownloads: true });
	try {
		const page = await context.newPage();
		await page.goto(`${baseUrl}/history`);
		// The app has created the schema once its empty history shows.
		await page.getByTestId('history-empty').waitFor();
		const { batchId, bytes } = await page.evaluate(
			`(${seed.toString()})()(${JSON.stringify({ n: KEYFRAMES, video: COMPLETED_VIDEO })})`
		);
		await page.goto(`${baseUrl}/batches/${batchId}`);
		const memory = await sampleMemory(browser, page);
		const started = Date.now();
		const [download] = await Promise.all([
			page.waitForEvent('download', { timeout: 10 * 60_000 }),
			page.getByTestId('export-zip').click()
		]);
		const path = await download.path();
		const seconds = (Date.now() - started) / 1000;
		const peaks = await memory.stop();
		return {
			keyframes: KEYFRAMES,
			imagesMB: round(bytes / 2 ** 20, 1),
			zipMB: round(statSync(path).size / 2 ** 20, 1),
			seconds: round(seconds),
			peakMemory: peaks
		};
	} finally {
		await context.close();
	}
}
