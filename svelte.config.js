import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Every route is a prerendered shell with client-side data; unknown paths
		// (deep links like /videos/<id>) fall back to 200.html on a plain static host.
		adapter: adapter({ fallback: '200.html', strict: true })
	}
};

export default config;
