// How many cores our Chromium got during a run, next to how busy the whole machine was: on a
// shared machine this tells a pool that did not run in parallel from one that was starved.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { chromiumProcesses } from './processes.mjs';
import { round } from './round.mjs';

/** Busy and total jiffies of all CPUs: /proc/stat's "cpu" line, user to steal (guest is in user). */
function machineJiffies() {
	const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
		.split('\n')[0]
		.trim()
		.split(/\s+/)
		.slice(1, 9)
		.map(Number);
	const busy = user + nice + system + irq + softirq + steal;
	return { busy, total: busy + idle + iowait };
}

const chromiumCpuSec = () => chromiumProcesses().reduce((s, p) => s + p.cpuSec, 0);

/** Starts measuring; `stop()` returns cores used by our Chromium and by the whole machine. */
export function measureCpu() {
	const t0 = performance.now();
	const ours0 = chromiumCpuSec();
	const machine0 = machineJiffies();
	return {
		stop() {
			const wallSec = (performance.now() - t0) / 1000;
			const machine = machineJiffies();
			const busyShare = (machine.busy - machine0.busy) / (machine.total - machine0.total);
			return {
				chromiumCores: round((chromiumCpuSec() - ours0) / wallSec),
				machineBusyCores: round(busyShare * cpus().length)
			};
		}
	};
}
