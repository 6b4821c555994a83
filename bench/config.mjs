// Paths and browser flags shared by the bench modules.
import { join, resolve } from 'node:path';
import { chromiumPath } from '../scripts/chromium.mjs';

export const REPO_ROOT = resolve(import.meta.dirname, '..');
export const FIXTURES = resolve(
	process.env.KFF_FIXTURES ?? join(REPO_ROOT, '..', 'shared', 'fixtures')
);
export const BENCH_FILE = join(FIXTURES, 'bench_60s_720p.mp4');
export const OUT_DIR = join(REPO_ROOT, 'bench', 'out');

export { CHROMIUM_ARGS } from '../scripts/chromium.mjs';
export const CHROMIUM_PATH = chromiumPath();
