// Samples memory while a scenario runs and keeps the peaks. Three views, each covering
// something different (none alone is the whole story):
// - mainJsHeapMB: JS heap of the page's main thread (CDP Performance.getMetrics JSHeapUsedSize).
// - workersJsHeapMB / workersArrayBuffersMB: summed over the dedicated pool workers, from
//   Runtime.getHeapUsage sent to each worker target. Playwright's worker.evaluate cannot do it:
//   performance.memory does not exist in workers, and evaluate waits while a synchronous
//   ffmpeg exec blocks the worker, whereas the inspector answers in between.
// - rendererRssMB: RSS of our browser's largest renderer process (the tab: page, its workers,
//   wasm memory and Blink), from /proc. Linux only.
// - allRssMB: RSS summed over all our browser's processes (browser, GPU, network, renderers):
//   what the machine gives the browser, e.g. where Blob bytes are held outside the tab.
import { chromiumProcesses } from './processes.mjs';

const INTERVAL_MS = 250;
const REPLY_TIMEOUT_MS = 1000;
const MB = 1024 * 1024;

/** RSS of the largest renderer of our browser: the tab's, with its dedicated workers. */
function largestRendererRss() {
	return Math.max(
		0,
		...chromiumProcesses()
			.filter((p) => p.renderer)
			.map((p) => p.rssBytes)
	);
}

/** RSS of all processes of our browser together. */
function allProcessesRss() {
	return chromiumProcesses().reduce((sum, p) => sum + p.rssBytes, 0);
}

/** Runtime.getHeapUsage of every dedicated worker, through a browser-level CDP session. */
async function workerHeapReader(browser) {
	const cdp = await browser.newBrowserCDPSession();
	const sessions = new Map(); // targetId -> sessionId
	const replies = new Map(); // message id -> resolve
	let nextId = 1;
	cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
		const msg = JSON.parse(message);
		replies.get(msg.id)?.(msg.result ?? null);
		replies.delete(msg.id);
	});
	// Non-flat sessions: Playwright's CDPSession cannot address flat child sessions.
	async function usage(targetId) {
		let sessionId = sessions.get(targetId);
		if (!sessionId) {
			({ sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false }));
			sessions.set(targetId, sessionId);
		}
		const id = nextId++;
		const reply = new Promise((resolve) => {
			replies.set(id, resolve);
			setTimeout(() => resolve(null), REPLY_TIMEOUT_MS);
		});
		const message = JSON.stringify({ id, method: 'Runtime.getHeapUsage' });
		await cdp.send('Target.sendMessageToTarget', { sessionId, message });
		return reply;
	}
	return {
		async read() {
			const { targetInfos } = await cdp.send('Target.getTargets');
			const workers = targetInfos.filter((t) => t.type === 'worker');
			const results = await Promise.all(workers.map((t) => usage(t.targetId).catch(() => null)));
			const ok = results.filter(Boolean);
			return {
				workers: ok.length,
				jsHeap: ok.reduce((s, r) => s + r.usedSize, 0),
				arrayBuffers: ok.reduce((s, r) => s + (r.backingStorageSize ?? 0), 0)
			};
		},
		close: () => cdp.detach()
	};
}

const NO_WORKERS = {
	read: async () => ({ workers: 0, jsHeap: 0, arrayBuffers: 0 }),
	close: async () => {}
};

/**
 * Starts sampling; `stop()` resolves with the peaks in MB. `browser` is null for a persistent
 * context (Playwright gives it no Browser): its workers are then not read.
 */
export async function sampleMemory(browser, page) {
	const pageCdp = await page.context().newCDPSession(page);
	await pageCdp.send('Performance.enable');
	const workers = browser ? await workerHeapReader(browser) : NO_WORKERS;
	const peak = {
		mainJsHeap: 0,
		workersJsHeap: 0,
		workersArrayBuffers: 0,
		rendererRss: 0,
		allRss: 0
	};
	let maxWorkers = 0;
	let running = true;
	const loop = (async () => {
		while (running) {
			const [metrics, w] = await Promise.all([
				pageCdp.send('Performance.getMetrics'),
				workers.read()
			]);
			const heap = metrics.metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
			peak.mainJsHeap = Math.max(peak.mainJsHeap, heap);
			peak.workersJsHeap = Math.max(peak.workersJsHeap, w.jsHeap);
			peak.workersArrayBuffers = Math.max(peak.workersArrayBuffers, w.arrayBuffers);
			peak.rendererRss = Math.max(peak.rendererRss, largestRendererRss());
			peak.allRss = Math.max(peak.allRss, allProcessesRss());
			maxWorkers = Math.max(maxWorkers, w.workers);
			await new Promise((r) => setTimeout(r, INTERVAL_MS));
		}
	})();
	loop.catch(() => {}); // an error surfaces from stop(), not as an unhandled rejection
	return {
		async stop() {
			running = false;
			await loop;
			await Promise.all([workers.close(), pageCdp.detach()]);
			const mb = (b) => Math.round((b / MB) * 10) / 10;
			return {
				mainJsHeapMB: mb(peak.mainJsHeap),
				workersJsHeapMB: mb(peak.workersJsHeap),
				workersArrayBuffersMB: mb(peak.workersArrayBuffers),
				rendererRssMB: mb(peak.rendererRss),
				allRssMB: mb(peak.allRss),
				workersSeen: maxWorkers,
				intervalMs: INTERVAL_MS
			};
		}
	};
}
