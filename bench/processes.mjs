// Our Chromium's processes from /proc (Linux only): only descendants of this Node process count,
// so browsers of tests running at the same time are left out.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

function read(pid, file) {
	try {
		return readFileSync(`/proc/${pid}/${file}`, 'utf8');
	} catch {
		return null; // the process ended meanwhile
	}
}

/** [{ pid, renderer, rssBytes, cpuSec }] of the Chromium processes this Node process started. */
export function chromiumProcesses() {
	const stats = new Map();
	const children = new Map();
	for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
		const stat = read(pid, 'stat');
		if (!stat) continue;
		// Fields after "(comm) ": state ppid ... utime (12th) stime (13th).
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		stats.set(pid, { comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), fields });
		children.set(fields[1], [...(children.get(fields[1]) ?? []), pid]);
	}
	const found = [];
	const queue = [...(children.get(String(process.pid)) ?? [])];
	while (queue.length) {
		const pid = queue.pop();
		queue.push(...(children.get(pid) ?? []));
		const { comm, fields } = stats.get(pid);
		if (comm !== 'chromium') continue;
		found.push({
			pid,
			renderer: Boolean(read(pid, 'cmdline')?.includes('--type=renderer')),
			rssBytes: Number(/VmRSS:\s+(\d+)/.exec(read(pid, 'status') ?? '')?.[1] ?? 0) * 1024,
			cpuSec: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS
		});
	}
	return found;
}
