// Issue "speed": the pipeline beyond the 60 s 720p file, on inputs made here from it with native
// ffmpeg (never stored in the repo): 1080p, ten minutes of 720p (time should grow linearly with
// duration, peak memory stay flat) and HEVC, which only the ffmpeg.wasm path reads in this
// Chromium. Each beside native ffmpeg's decode-and-sample time on the same file, same run, and
// what the app reads with ffmpeg.wasm beside ffmpeg.wasm doing that same work alone.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_FILE } from '../config.mjs';
import { nativeReference } from '../native.mjs';
import { wasmReference } from '../wasm-reference.mjs';
import { round } from '../round.mjs';
import { pipelineScenario } from './pipeline.mjs';

const INPUTS = [
	{
		name: '1080p_60s.mp4',
		decoder: 'auto',
		args: ['-vf', 'scale=1920:1080', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23']
	},
	{ name: '720p_10min.mp4', decoder: 'auto', loops: 9, args: ['-c', 'copy'] },
	// The same ten minutes, only 9:00-9:30 chosen: a range costs its length, not its end time.
	{ name: '720p_10min.mp4', decoder: 'auto', range: [540, 570] },
	{
		name: 'hevc_720p_60s.mp4',
		decoder: 'auto',
		args: [
			'-c:v',
			'libx265',
			'-preset',
			'ultrafast',
			'-tag:v',
			'hvc1',
			'-x265-params',
			'log-level=error'
		]
	},
	// Its 50-55 s only: the ffmpeg.wasm path seeks to a range too.
	{ name: 'hevc_720p_60s.mp4', decoder: 'auto', range: [50, 55] }
];

function make(dir, { name, loops, args }) {
	const out = join(dir, name);
	const run = spawnSync(
		'ffmpeg',
		[
			'-hide_banner',
			'-nostdin',
			'-y',
			...(loops ? ['-stream_loop', String(loops)] : []),
			'-i',
			BENCH_FILE,
			'-an',
			...args,
			out
		],
		{ encoding: 'utf8' }
	);
	if (run.status !== 0)
		throw new Error(`ffmpeg could not make ${name}:\n${run.stderr.slice(-2000)}`);
	return out;
}

/** Where the app read it with ffmpeg.wasm: ffmpeg.wasm doing the native reference's work. */
async function wasmFloor(browser, baseUrl, file, range, app, nativeSec, log) {
	log("scale: ffmpeg.wasm doing the native reference's work");
	const execSec = await wasmReference(browser, baseUrl, file, range);
	return {
		wasmRefSec: execSec,
		wasmRefOverNative: round(execSec / nativeSec),
		totalOverWasmRef: round(app.totalSec / execSec)
	};
}

export async function scaleScenario(browser, baseUrl, log) {
	const dir = await mkdtemp(join(tmpdir(), 'kff-bench-scale-'));
	const out = {};
	try {
		for (const input of INPUTS) {
			const key = input.range ? `${input.name} ${input.range.join('-')} s` : input.name;
			log(`scale: making ${input.name}`);
			const file = input.args ? make(dir, input) : join(dir, input.name);
			const native = nativeReference(file, input.range);
			log(`scale: ${key} through the app`);
			const app = await pipelineScenario(browser, baseUrl, input.decoder, file, input.range);
			out[key] = {
				nativeSec: native.bestSec,
				...app,
				totalOverNative: round(app.totalSec / native.bestSec),
				...(app.decoder === 'ffmpeg.wasm' &&
					(await wasmFloor(browser, baseUrl, file, input.range, app, native.bestSec, log)))
			};
		}
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
	return out;
}
