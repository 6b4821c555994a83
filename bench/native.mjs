// Native ffmpeg doing the app's sampling work minus detection: decode every frame, keep every
// 5th (the default sample rate) scaled to 640 px, on one thread like one ffmpeg.wasm instance.
import { spawnSync } from 'node:child_process';
import { round } from './round.mjs';

/** Runs when the reference stands alone (the fastest is the least disturbed by other load). */
const RUNS = 2;

export function hasFfmpeg() {
	return spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0;
}

/** The reference's ffmpeg arguments (its work, whichever ffmpeg does it: ./wasm-reference.mjs). */
export function referenceArgs(input, range = null) {
	return [
		'-hide_banner',
		'-nostdin',
		'-threads',
		'1',
		...(range ? ['-ss', String(range[0]), '-to', String(range[1])] : []),
		'-i',
		input,
		'-an',
		'-vf',
		"select='not(mod(n\\,5))',scale=640:-2",
		'-fps_mode',
		'passthrough',
		'-f',
		'null',
		'-'
	];
}

/**
 * Runs the reference `runs` times; the fastest run is the least disturbed by other load. With
 * `range` ([start, end] seconds) ffmpeg seeks to the start and stops at the end.
 */
export function nativeReference(file, range = null, runs = RUNS) {
	const args = referenceArgs(file, range);
	const runsSec = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		const run = spawnSync('ffmpeg', args, { encoding: 'utf8' });
		if (run.status !== 0)
			throw new Error(`ffmpeg failed (${run.status}):\n${run.stderr.slice(-2000)}`);
		runsSec.push(round((performance.now() - t0) / 1000));
	}
	return { command: `ffmpeg ${args.join(' ')}`, runsSec, bestSec: Math.min(...runsSec) };
}
