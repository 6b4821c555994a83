// Serves build/ with the project's own static server on a free local port.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from './config.mjs';

function freePort() {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address();
			probe.close(() => resolve(port));
		});
	});
}

/** Starts scripts/serve.mjs; resolves once it listens, with its URL and a stop function. */
export async function startServer() {
	const port = await freePort();
	const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts', 'serve.mjs'), String(port)], {
		stdio: ['ignore', 'pipe', 'inherit']
	});
	// Even an uncaught error must not leave the server running.
	const kill = () => child.kill();
	process.once('exit', kill);
	await new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`serve.mjs exited early (code ${code})`)));
		child.stdout.on('data', (chunk) => {
			if (String(chunk).includes('served at')) resolve();
		});
	});
	child.removeAllListeners('exit');
	return {
		url: `http://127.0.0.1:${port}`,
		stop() {
			process.off('exit', kill);
			kill();
		}
	};
}
