import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Every route is a prerendered shell with client-side data; unknown paths
		// (deep links like /videos/<id>) fall back to 200.html on a plain static host.
		adapter: adapter({ fallback: '200.html', strict: true }),
		// Registered through workbox-window (src/lib/state/pwa.svelte.ts) for the update prompt.
		serviceWorker: { register: false },
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				// wasm (ffmpeg core, MediaPipe) needs wasm-unsafe-eval; no other eval, no inline scripts.
				'script-src': ['self', 'wasm-unsafe-eval'],
				'worker-src': ['self', 'blob:'],
				'img-src': ['self', 'blob:', 'data:'],
				'media-src': ['self', 'blob:'],
				'connect-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'manifest-src': ['self']
			}
		}
	}
};

export default config;
