// Service worker registration through workbox-window: tells the person when the app is ready
// offline, and when a new version waits — which takes over only when they choose to reload.
//
// Nothing of it competes with a run. The worker is registered only once no video has been
// processing for QUIET_MS and the browser is idle: a first visit that starts a video at once
// installs after it (installing precaches the shell, ~100 requests through the worker). Then
// the large vendor files (~52 MB, see src/service-worker.ts) are cached when this page asks,
// again only while no video is processing (one that starts meanwhile fetches what it needs
// itself, and the worker keeps it). "Ready to work offline" shows once the vendor files are in.
import { liveQuery } from 'dexie';
import { Workbox } from 'workbox-window';
import { base } from '$app/paths';
import { db } from '$lib/db/database';
import { anyVideoProcessing } from '$lib/db/videos';
import { CACHE_VENDOR, type CacheVendorReply } from '$lib/pwa-protocol';

/** Quiet time (no video processing) before the service worker is registered. */
export const QUIET_MS = 3_000;
/** After a failed attempt (e.g. offline), how long until the next. */
const RETRY_MS = 60_000;

function whenIdle(): Promise<void> {
	return new Promise((resolve) =>
		'requestIdleCallback' in window
			? requestIdleCallback(() => resolve(), { timeout: 10_000 })
			: setTimeout(resolve, 0)
	);
}

/**
 * CACHE_VENDOR to the active worker (the one serving this page, never a waiting update, which
 * caches its own revisions once it takes over); resolves with its reply.
 */
async function askActiveWorker(): Promise<CacheVendorReply | null> {
	const active = (await navigator.serviceWorker.ready).active;
	if (!active) return null;
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = (event: MessageEvent<CacheVendorReply>) => resolve(event.data);
		active.postMessage({ type: CACHE_VENDOR }, [channel.port2]);
	});
}

export class PwaStatus {
	offlineReady = $state(false);
	updateAvailable = $state(false);
	#workbox: Workbox | null = null;
	/** This visit installed the app's first service worker. */
	#firstInstall = false;

	register() {
		if (!('serviceWorker' in navigator)) return;
		void this.#quiet(QUIET_MS).then(() => this.#register());
	}

	#register() {
		const wb = new Workbox(`${base}/service-worker.js`, { scope: `${base}/` });
		wb.addEventListener('installed', (event) => {
			if (!event.isUpdate) this.#firstInstall = true;
		});
		wb.addEventListener('waiting', () => (this.updateAvailable = true));
		wb.addEventListener('controlling', (event) => {
			if (event.isUpdate) window.location.reload();
		});
		this.#workbox = wb;
		void wb
			.register()
			.then(() => wb.active)
			.then(() => this.#cacheVendor())
			.catch(() => {});
	}

	/**
	 * Resolves once no video has been processing for `ms` and the browser is then idle (a run
	 * that starts meanwhile puts it off until it ends).
	 */
	#quiet(ms: number): Promise<void> {
		return new Promise((resolve) => {
			let timer: ReturnType<typeof setTimeout> | undefined;
			const settle = async () => {
				await whenIdle();
				// A run may have started since the timer was set; the watch then sets a new one.
				if (await anyVideoProcessing(db()).catch(() => false)) return;
				watch.unsubscribe();
				resolve();
			};
			const watch = liveQuery(() => anyVideoProcessing(db())).subscribe({
				next: (processing) => {
					clearTimeout(timer);
					if (!processing) timer = setTimeout(() => void settle(), ms);
				},
				// No database (e.g. private mode without IndexedDB): nothing can be processing.
				error: () => (timer = setTimeout(() => void settle(), ms))
			});
		});
	}

	/** Asks the worker to cache the vendor files while no video is processing, until it has. */
	async #cacheVendor() {
		await this.#quiet(0);
		const reply = await askActiveWorker().catch(() => null);
		if (!reply || reply.failed > 0) {
			setTimeout(() => void this.#cacheVendor(), RETRY_MS);
			return;
		}
		// Every later visit finds them cached (fetched 0) and stays quiet.
		if (this.#firstInstall || reply.fetched > 0) this.offlineReady = true;
	}

	applyUpdate() {
		this.#workbox?.messageSkipWaiting();
	}

	dismissOfflineReady() {
		this.offlineReady = false;
	}
}
