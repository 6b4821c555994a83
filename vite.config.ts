import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		// Compiles messages/ into typed message functions; the locale comes from
		// $lib/i18n/locale.svelte.ts (it overrides getLocale), so no strategy reads URLs or cookies.
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['globalVariable', 'baseLocale']
		}),
		sveltekit()
	],
	worker: { format: 'es' },
	test: {
		include: ['tests/unit/**/*.spec.ts'],
		environment: 'node'
	}
});
