// A plain static server the test owns, for tests that must stop it (offline) or change the
// files it serves (a second build). Same rules as scripts/serve.mjs: no special headers.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

export async function serveDir(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
	const assets = sirv(dir, { single: '200.html', dev: true });
	const server: Server = createServer((req, res) => assets(req, res));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
