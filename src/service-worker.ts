/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// Offline in two steps, so that installing never competes with the first video:
// 1. install: Workbox precaches the app shell and every route (a few hundred kB).
// 2. later, when the page asks (CACHE_VENDOR: it does once it is idle and no video is
//    processing, see src/lib/state/pwa.svelte.ts): the large vendor files (ffmpeg core,
//    LiteRT's wasm, both face models, ~52 MB) go into a cache of their own, keyed by their
//    content revision, and stale revisions are dropped. The reply says when all are in: only
//    then is the app offline-capable.
// Vendor requests are served cache-first from that cache; a miss goes to the network and is
// kept, so what a run downloads anyway is never downloaded twice.
import { base, build, files, prerendered, version } from '$service-worker';
import { clientsClaim } from 'workbox-core';
import {
	cleanupOutdatedCaches,
	createHandlerBoundToURL,
	precacheAndRoute
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import vendorRevisions from '../static/vendor/revisions.json';
import {
	CACHE_VENDOR,
	type CacheVendorReply,
	VENDOR_CACHE,
	vendorCacheKey
} from './lib/pwa-protocol';
import { putShare, SHARE_ACTION, SHARE_FIELD, SHARE_PARAM } from './lib/share-inbox';

declare const self: ServiceWorkerGlobalScope;

const FALLBACK = `${base}/200.html`;
const revisions: Record<string, string> = vendorRevisions;
/** Vendor URL (with base) → its cache key (URL + content revision). */
const vendor = new Map(
	Object.entries(revisions).map(([path, rev]) => [
		`${base}${path}`,
		vendorCacheKey(`${base}${path}`, rev)
	])
);

precacheAndRoute(
	[
		// Hashed names: the URL is the revision.
		...build.map((url) => ({ url, revision: null })),
		// Static files keep their names and are revised by build; vendor files are cached later.
		...files.filter((url) => !vendor.has(url)).map((url) => ({ url, revision: version })),
		...prerendered.map((url) => ({ url, revision: version })),
		{ url: FALLBACK, revision: version }
	],
	{ cleanURLs: true }
);
cleanupOutdatedCaches();
// The first visit's page is controlled as soon as precaching is done, so it works offline.
clientsClaim();

async function keep(cache: Cache, key: string, response: Response): Promise<void> {
	if (response.ok && response.type === 'basic') await cache.put(key, response);
}

/** Cache-first for vendor files; a miss is fetched and kept. */
registerRoute(
	({ url, request }) => request.method === 'GET' && vendor.has(url.pathname),
	async ({ url, request }) => {
		const key = vendor.get(url.pathname)!;
		const cache = await caches.open(VENDOR_CACHE);
		const hit = await cache.match(key);
		if (hit) return hit;
		try {
			const response = await fetch(request);
			// The page may be waiting on this; keeping it must not delay it.
			void keep(cache, key, response.clone()).catch(() => {});
			return response;
		} catch (error) {
			// Offline with another revision cached (an update not warmed yet): better than nothing.
			const older = await cache.match(url.pathname, { ignoreSearch: true });
			if (older) return older;
			throw error;
		}
	}
);

// "Share → Key Face Frame" (the manifest's share_target) POSTs the videos here: keep them and
// send the page to the new-batch page, which takes them into a batch. No network involved, so
// sharing works offline.
registerRoute(
	({ url }) => url.pathname === `${base}${SHARE_ACTION}`,
	async ({ request }) => {
		const files = (await request.formData())
			.getAll(SHARE_FIELD)
			.filter((f): f is File => f instanceof File);
		if (!files.length) return Response.redirect(`${base}/`, 303);
		const id = await putShare(files);
		return Response.redirect(`${base}/?${SHARE_PARAM}=${encodeURIComponent(id)}`, 303);
	},
	'POST'
);

// Deep links such as /videos/<id> are rendered in the browser from the fallback shell.
registerRoute(new NavigationRoute(createHandlerBoundToURL(FALLBACK)));

/**
 * Earlier versions precached the vendor files with Workbox, which drops them on activate now
 * that they left its manifest: take over those still at their revision, so an update neither
 * downloads them again nor leaves a gap offline.
 */
async function adoptPrecachedVendor(): Promise<void> {
	const cache = await caches.open(VENDOR_CACHE);
	const precaches = (await caches.keys()).filter((name) => name.includes('precache'));
	for (const [url, key] of vendor) {
		if (await cache.match(key)) continue;
		const rev = revisions[url.slice(base.length)];
		for (const name of precaches) {
			const old = await (await caches.open(name)).match(`${url}?__WB_REVISION__=${rev}`);
			if (old) {
				await cache.put(key, old);
				break;
			}
		}
	}
}

self.addEventListener('install', (event) => {
	event.waitUntil(adoptPrecachedVendor().catch(() => {}));
});

let warming: Promise<CacheVendorReply> | null = null;

/** Fetches the vendor files not cached at their revision yet; drops stale revisions. */
async function cacheVendor(): Promise<CacheVendorReply> {
	const cache = await caches.open(VENDOR_CACHE);
	let fetched = 0;
	let failed = 0;
	// One at a time: a background job, not a burst.
	for (const [url, key] of vendor) {
		if (await cache.match(key)) continue;
		try {
			const response = await fetch(url, { cache: 'no-cache' });
			if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
			await cache.put(key, response);
			fetched++;
		} catch {
			failed++;
		}
	}
	// Only the active worker drops revisions: a waiting one must not take the files from under it.
	if (self.serviceWorker?.state === 'activated') {
		const wanted = new Set([...vendor.values()].map((k) => new URL(k, self.location.href).href));
		for (const request of await cache.keys()) {
			if (!wanted.has(request.url)) await cache.delete(request);
		}
	}
	return { type: CACHE_VENDOR, fetched, failed, total: vendor.size };
}

self.addEventListener('message', (event) => {
	const type = (event.data as { type?: string } | null)?.type;
	// A new version waits until the person agrees to reload (see src/lib/state/pwa.svelte.ts).
	if (type === 'SKIP_WAITING') void self.skipWaiting();
	if (type === CACHE_VENDOR) {
		warming ??= cacheVendor().finally(() => (warming = null));
		const reply = warming.then((r) => event.ports[0]?.postMessage(r));
		event.waitUntil(reply);
	}
});
