import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './scripts/chromium.mjs';

// KFF_PORT lets several checkouts run their browser tests side by side.
export const PORT = Number(process.env.KFF_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	// Two files at a time on a 2-core machine: much of a test is waiting (page loads, the
	// IndexedDB round trips, axe, polling), which the other file's work fills. Each file keeps its
	// tests in order; per-test limits are generous for when both process video at once.
	workers: 2,
	fullyParallel: false,
	timeout: 300_000,
	expect: { timeout: 20_000 },
	retries: 0,
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		browserName: 'chromium',
		// English unless a test asks for Chinese (the app follows the browser's languages).
		locale: 'en-US',
		launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
		acceptDownloads: true,
		// A failed test keeps its actions, console and network (the trace) and a screenshot. Not the
		// trace's screencast and DOM snapshots: recorded for every test to keep the failed ones,
		// they made the processing tests 45% slower (curation + people, 1 worker: 143 s, 94 s
		// without them, 99 s with no trace at all).
		trace: { mode: 'retain-on-failure', screenshots: false, snapshots: false },
		screenshot: 'only-on-failure'
	},
	webServer: {
		command: `node scripts/serve.mjs ${PORT}`,
		url: `http://127.0.0.1:${PORT}/`,
		reuseExistingServer: false,
		timeout: 30_000
	}
});
