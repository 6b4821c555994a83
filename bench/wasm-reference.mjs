// ffmpeg.wasm doing the native reference's work (./native.mjs): the same arguments, run by the
// core the app serves, once, on one worker of a fresh page where none of the app's code runs,
// the file in memory. What the browser's ffmpeg costs before the app adds anything to it (file
// reads, detection, the other threads): the floor under the ffmpeg.wasm path's ratio to native.
import { referenceArgs } from './native.mjs';
import { round } from './round.mjs';

/** Served by the page's route only: the input, straight from disk. */
const INPUT_PATH = '/bench-wasm-reference-input';

/**
 * The worker's script: makes the core (where src/lib/workers/asset-urls.ts serves it), writes
 * the input into its memory, runs ffmpeg once.
 */
function workerSource(baseUrl) {
	return `
import createFFmpegCore from '${baseUrl}/vendor/ffmpeg/ffmpeg-core.js';
onmessage = async ({ data: { bytes, args } }) => {
	const quiet = () => {};
	const core = await createFFmpegCore({ print: quiet, printErr: quiet });
	core.setLogger(quiet);
	core.FS.writeFile('/input', new Uint8Array(bytes));
	const started = performance.now();
	const ret = core.exec(...args);
	postMessage({ ret, ms: performance.now() - started });
};`;
}

/**
 * Seconds ffmpeg.wasm takes to do the reference's work on `file`, once its core is made: its
 * first run, so that its code tiers up as the app's does.
 */
export async function wasmReference(browser, baseUrl, file, range = null) {
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		await page.route(`${baseUrl}${INPUT_PATH}`, (route) => route.fulfill({ path: file }));
		// A document of the app's origin (the core's imports need it) that starts nothing.
		await page.goto(`${baseUrl}/manifest.webmanifest`);
		const { ret, ms } = await page.evaluate(
			async ({ source, input, args }) => {
				const bytes = await (await fetch(input)).arrayBuffer();
				const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
				const worker = new Worker(url, { type: 'module' });
				try {
					return await new Promise((resolve, reject) => {
						worker.onmessage = ({ data }) => resolve(data);
						worker.onerror = (e) => reject(new Error(e.message));
						worker.postMessage({ bytes, args }, [bytes]);
					});
				} finally {
					worker.terminate();
				}
			},
			{ source: workerSource(baseUrl), input: INPUT_PATH, args: referenceArgs('/input', range) }
		);
		if (ret !== 0) throw new Error(`ffmpeg.wasm failed the reference's work on ${file} (${ret})`);
		return round(ms / 1000);
	} finally {
		await context.close();
	}
}
