// Paths and browser flags shared by the bench modules.
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..');
export const FIXTURES = resolve(
	process.env.KFF_FIXTURES ?? join(REPO_ROOT, '..', 'shared', 'fixtures')
);
export const BENCH_FILE = join(FIXTURES, 'bench_60s_720p.mp4');
export const OUT_DIR = join(REPO_ROOT, 'bench', 'out');

// Mirrors tests/e2e/chromium.ts (TypeScript, so it cannot be imported from here): keep in sync.
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
