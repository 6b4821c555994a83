// Service worker registration through workbox-window: tells the person when the app is ready
// offline, and when a new version waits — which takes over only when they choose to reload.
//
// Ready offline takes two steps (see src/service-worker.ts): installing precaches the shell;
// the large vendor files (~52 MB) are cached only once this page asks, which it does when no
// video has been processing for VENDOR_IDLE_MS and the browser is idle — so the download never
// competes with a run (one that starts meanwhile fetches what it needs itself, and the worker
// keeps it). "Ready to work offline" shows once the vendor files are in too.
import { liveQuery, type Subscription } from 'dexie';
import { Workbox } from 'workbox-window';
import { base } from '$app/paths';
import { db } from '$lib/db/database';
import { anyVideoProcessing } from '$lib/db/videos';
import { CACHE_VENDOR, type CacheVendorReply } from '$lib/pwa-protocol';

/** Quiet time (no video processing) before the vendor files are fetched. */
export const VENDOR_IDLE_MS = 3_000;
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
	#watch: Subscription | null = null;
	#timer: ReturnType<typeof setTimeout> | undefined;

	register() {
		if (!('serviceWorker' in navigator)) return;
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
			.then(() => this.#cacheVendorWhenQuiet())
			.catch(() => {});
	}

	/** Waits for VENDOR_IDLE_MS with no video processing, then asks the worker to cache. */
	#cacheVendorWhenQuiet() {
		this.#watch?.unsubscribe();
		this.#watch = liveQuery(() => anyVideoProcessing(db())).subscribe({
			next: (processing) => {
				clearTimeout(this.#timer);
				if (!processing) this.#timer = setTimeout(() => void this.#cacheVendor(), VENDOR_IDLE_MS);
			},
			error: () => {
				// No database (e.g. private mode without IndexedDB): nothing can be processing.
				this.#timer = setTimeout(() => void this.#cacheVendor(), VENDOR_IDLE_MS);
			}
		});
	}

	async #cacheVendor() {
		await whenIdle();
		// A run may have started since the timer was set; the watch then sets a new one.
		if (await anyVideoProcessing(db()).catch(() => false)) return;
		this.#watch?.unsubscribe();
		this.#watch = null;
		const reply = await askActiveWorker().catch(() => null);
		if (!reply || reply.failed > 0) {
			this.#timer = setTimeout(() => this.#cacheVendorWhenQuiet(), RETRY_MS);
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
