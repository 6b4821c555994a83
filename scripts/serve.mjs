// A plain static server for build/: no special headers, unknown paths fall back to 200.html
// like any static host configured for a single-page app. Used by `npm start`, e2e and bench.
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

const root = join(fileURLToPath(import.meta.url), '..', '..', 'build');
const port = Number(process.env.PORT ?? process.argv[2] ?? 4173);
const assets = sirv(root, { single: '200.html', etag: true, dev: false });

createServer((req, res) => assets(req, res)).listen(port, '127.0.0.1', () => {
	console.log(`Key Face Frame is served at http://127.0.0.1:${port}/`);
});
