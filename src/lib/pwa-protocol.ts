// Messages between the page (src/lib/state/pwa.svelte.ts) and the service worker.

/** Page → worker: cache the large vendor files now. Worker → page (reply): how it went. */
export const CACHE_VENDOR = 'CACHE_VENDOR';

export interface CacheVendorReply {
	type: typeof CACHE_VENDOR;
	/** Files downloaded by this request (0 when all were cached already). */
	fetched: number;
	/** Files that could not be downloaded (offline, server gone): not offline-ready yet. */
	failed: number;
	total: number;
}

/** The cache of the vendor files (ffmpeg core, LiteRT wasm, face models). */
export const VENDOR_CACHE = 'kff-vendor';

/** A vendor file's key in VENDOR_CACHE: its URL at its content revision. */
export function vendorCacheKey(url: string, revision: string): string {
	return `${url}?rev=${revision}`;
}
