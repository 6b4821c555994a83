// Serves a snapshot of build/ with the project's own static server on a free local port.
// A snapshot, because others working in this tree rebuild build/ at any moment (e.g. e2e runs):
// pages would vanish mid-benchmark. serve.mjs serves ../build relative to itself, so it is
// copied next to the snapshot, with node_modules linked for its imports.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
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

async function snapshot() {
	const dir = await mkdtemp(join(tmpdir(), 'kff-bench-site-'));
	await cp(join(REPO_ROOT, 'build'), join(dir, 'build'), { recursive: true });
	if (!existsSync(join(dir, 'build', '200.html'))) {
		throw new Error('build/ is incomplete (being rebuilt?): run again, or build first');
	}
	await mkdir(join(dir, 'scripts'));
	await copyFile(join(REPO_ROOT, 'scripts', 'serve.mjs'), join(dir, 'scripts', 'serve.mjs'));
	await symlink(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
	return dir;
}

/** Starts serve.mjs on the snapshot; resolves once it listens, with its URL and a stop function. */
export async function startServer() {
	const dir = await snapshot();
	const port = await freePort();
	const child = spawn(process.execPath, [join(dir, 'scripts', 'serve.mjs'), String(port)], {
		stdio: ['ignore', 'pipe', 'inherit']
	});
	// Even an uncaught error must not leave the server running.
	const kill = () => child.kill();
	process.once('exit', kill);
	const stop = async () => {
		process.off('exit', kill);
		kill();
		await rm(dir, { recursive: true, force: true });
	};
	try {
		await new Promise((resolve, reject) => {
			child.once('error', reject);
			child.once('exit', (code) => reject(new Error(`serve.mjs exited early (code ${code})`)));
			child.stdout.on('data', (chunk) => {
				if (String(chunk).includes('served at')) resolve();
			});
		});
	} catch (e) {
		await stop();
		throw e;
	}
	child.removeAllListeners('exit');
	return { url: `http://127.0.0.1:${port}`, stop };
}
