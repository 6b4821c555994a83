/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// Precaches the whole app with Workbox — shell, every route, the ffmpeg core, MediaPipe's wasm
// and both face models — so that after one visit it works with no network at all.
import { base, build, files, prerendered, version } from '$service-worker';
import { clientsClaim } from 'workbox-core';
import {
	cleanupOutdatedCaches,
	createHandlerBoundToURL,
	precacheAndRoute
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import vendorRevisions from '../static/vendor/revisions.json';

declare const self: ServiceWorkerGlobalScope;

const FALLBACK = `${base}/200.html`;
const revisions: Record<string, string> = vendorRevisions;

precacheAndRoute(
	[
		// Hashed names: the URL is the revision.
		...build.map((url) => ({ url, revision: null })),
		// Static files keep their names: vendor files are revised by content, the rest by build.
		...files.map((url) => ({ url, revision: revisions[url.slice(base.length)] ?? version })),
		...prerendered.map((url) => ({ url, revision: version })),
		{ url: FALLBACK, revision: version }
	],
	{ cleanURLs: true }
);
cleanupOutdatedCaches();
// The first visit's page is controlled as soon as precaching is done, so it works offline.
clientsClaim();

// Deep links such as /videos/<id> are rendered in the browser from the fallback shell.
registerRoute(new NavigationRoute(createHandlerBoundToURL(FALLBACK)));

// A new version waits until the person agrees to reload (see src/lib/state/pwa.svelte.ts).
self.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
