// `npm run bench [-- --only pipeline|quality|scale|batch|export|history] [-- --no-build]`: builds, serves build/, drives the
// app in headless Chromium, prints one JSON report to stdout and saves it under bench/out/.
// Progress goes to stderr so stdout stays parseable.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser } from './browser.mjs';
import { BENCH_FILE, OUT_DIR, REPO_ROOT } from './config.mjs';
import { hasFfmpeg, nativeReference } from './native.mjs';
import { wasmReference } from './wasm-reference.mjs';
import { round } from './round.mjs';
import { batchScenario } from './scenarios/batch.mjs';
import { exportScenario, exportTable } from './scenarios/export.mjs';
import { historyScenario, historyTable } from './scenarios/history.mjs';
import {
	medianRun,
	overNative,
	overWasmReference,
	pipelineScenario
} from './scenarios/pipeline.mjs';
import { qualityScenario } from './scenarios/quality.mjs';
import { scaleScenario } from './scenarios/scale.mjs';
import { startServer } from './server.mjs';

const log = (msg) => console.error(`[bench] ${msg}`);

/** People's embedding time per face (embedded after the video completed), or null. */
const msPerFace = ({ embed, embedded }) => (embedded ? round((embed * 1000) / embedded) : null);

/** Time between picking the file and Start in the pipeline's third run. */
const PICK_TO_START_MS = 3000;
/** Runs of each pipeline scenario; the median is reported. */
const PIPELINE_ROUNDS = 3;

/**
 * Both decoders' stages side by side, each over its round's native reference, and the
 * ffmpeg.wasm runs over ffmpeg.wasm doing the reference's work in their round (stderr).
 */
function pipelineTable(pipeline, nativeRuns, wasmRuns) {
	const runs = Object.entries(pipeline);
	const stages = [...new Set(runs.flatMap(([, p]) => Object.keys(p.stagesSec)))];
	const cell = (v) => String(v ?? '—').padStart(12);
	const row = (name, of) => `${name.padEnd(16)}${runs.map(([, p]) => cell(of(p))).join('')}`;
	const lines = [
		`${'seconds'.padEnd(16)}${runs.map(([k]) => cell(k)).join('')}`,
		...stages.map((s) => row(s, (p) => p.stagesSec[s])),
		row('total', (p) => p.totalSec),
		row('native', (p) => p.nativeSec),
		row('total/native', overNative),
		row('wasm ref', (p) => (p.decoder === 'ffmpeg.wasm' ? p.wasmRefSec : null)),
		row('wasm ref/native', (p) =>
			p.decoder === 'ffmpeg.wasm' && p.nativeSec ? round(p.wasmRefSec / p.nativeSec) : null
		),
		row('total/wasm ref', (p) => (p.decoder === 'ffmpeg.wasm' ? overWasmReference(p) : null)),
		row('people after', (p) => p.peopleAfterSec),
		row('embed ms/face', (p) => msPerFace(p.stagesSec))
	];
	const all = [
		...runs.map(([k, p]) => `${k} ${p.runsSec.join(' ')} (${p.runsOverNative.join(' ')} × native)`),
		...(nativeRuns.length ? [`native ${nativeRuns.join(' ')}`] : []),
		`wasm ref ${wasmRuns.join(' ')}`
	];
	return `pipeline, bench_60s_720p.mp4 (the median run of each, by its ratio to native):\n${lines.join('\n')}\nevery run's total (s): ${all.join('; ')}`;
}

function options() {
	const { values } = parseArgs({
		options: { only: { type: 'string' }, 'no-build': { type: 'boolean' } }
	});
	if (
		values.only &&
		!['pipeline', 'quality', 'scale', 'batch', 'export', 'history'].includes(values.only)
	) {
		throw new Error(
			`--only takes pipeline, quality, scale, batch, export or history, not ${values.only}`
		);
	}
	return { want: (name) => !values.only || values.only === name, build: !values['no-build'] };
}

function build() {
	log('npm run build');
	const run = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 2, 2] });
	if (run.status !== 0) throw new Error(`npm run build failed (${run.status ?? run.signal})`);
}

async function main() {
	const opts = options();
	if (!existsSync(BENCH_FILE)) throw new Error(`Missing ${BENCH_FILE} (set KFF_FIXTURES)`);
	if (opts.build) build();

	const report = {
		machine: {
			cpus: cpus().length,
			cpuModel: cpus()[0]?.model,
			chromium: null,
			node: process.version,
			// Other jobs on this machine (e.g. browser tests) make the figures noisy: record the load.
			loadavgAtStart: loadavg().map((x) => round(x))
		},
		date: new Date().toISOString()
	};

	if (opts.want('pipeline') || opts.want('batch')) {
		if (hasFfmpeg()) {
			log('native ffmpeg reference');
			report.native = nativeReference(BENCH_FILE);
		} else {
			log('ffmpeg is not on PATH: no native reference');
			report.native = null;
		}
	}

	const server = await startServer();
	let browser;
	try {
		browser = await launchBrowser();
		report.machine.chromium = browser.version();
		if (opts.want('pipeline')) {
			report.pipeline = {};
			report.ratios = {};
			// The "+3s" runs start 3 s after the file was picked, as a person looking over the batch
			// would: what the preparation on picking hides (face models; ffmpeg.wasm's core when it
			// is chosen). The first two start at once.
			const runs = [
				['webcodecs', 'auto', 0],
				['ffmpeg', 'ffmpeg', 0],
				['wc+3s', 'auto', PICK_TO_START_MS],
				['ffmpeg+3s', 'ffmpeg', PICK_TO_START_MS]
			];
			// One run of a 60 s video on this machine varies by ±10%, and the machine's speed drifts
			// within minutes: each is run PIPELINE_ROUNDS times, the three in turn after a native
			// reference of their own round (so a slow spell falls on the app and its reference
			// alike), and the run of median ratio is reported, its siblings beside it.
			const done = Object.fromEntries(runs.map(([key]) => [key, []]));
			const nativeRuns = [];
			const wasmRuns = [];
			for (let r = 1; r <= PIPELINE_ROUNDS; r++) {
				const nativeSec = report.native ? nativeReference(BENCH_FILE, null, 1).bestSec : null;
				if (nativeSec) nativeRuns.push(nativeSec);
				log(`ffmpeg.wasm doing the native reference's work (${r}/${PIPELINE_ROUNDS})`);
				const wasmRefSec = await wasmReference(browser, server.url, BENCH_FILE);
				wasmRuns.push(wasmRefSec);
				for (const [key, decoder, pauseMs] of runs) {
					log(
						`pipeline: bench_60s_720p.mp4, default settings, decoder ${decoder}` +
							`${pauseMs ? `, Start ${pauseMs / 1000} s after picking` : ''} (${r}/${PIPELINE_ROUNDS})`
					);
					const run = await pipelineScenario(
						browser,
						server.url,
						decoder,
						undefined,
						null,
						pauseMs
					);
					done[key].push({ ...run, nativeSec, wasmRefSec });
				}
			}
			for (const [key] of runs) {
				const p = (report.pipeline[key] = medianRun(done[key]));
				report.ratios[key] = p.nativeSec && {
					appTotalOverNative: overNative(p),
					sampleDetectOverNative: round(p.stagesSec['sample+detect'] / p.nativeSec),
					...(p.decoder === 'ffmpeg.wasm' && {
						wasmReferenceOverNative: round(p.wasmRefSec / p.nativeSec),
						appTotalOverWasmReference: overWasmReference(p)
					}),
					goal: 'appTotalOverNative <= 2'
				};
			}
			log(pipelineTable(report.pipeline, nativeRuns, wasmRuns));
		}
		if (opts.want('quality')) {
			log('quality: faces found on the fixtures');
			report.quality = await qualityScenario(browser, server.url);
			log(JSON.stringify(report.quality));
		}
		if (opts.want('scale')) {
			report.scale = await scaleScenario(browser, server.url, log);
			log(
				Object.entries(report.scale)
					.map(
						([k, v]) =>
							`${k}: ${v.totalSec} s, ${v.totalOverNative}x native (${v.decoder})${v.wasmRefSec ? `, ffmpeg.wasm alone ${v.wasmRefOverNative}x native` : ''}, stages ${JSON.stringify(v.stagesSec)}, peak ${JSON.stringify(v.peakMemory)}`
					)
					.join('\n')
			);
		}
		if (opts.want('batch'))
			report.batch = await batchScenario(browser, server.url, log, report.native);
		if (opts.want('export')) {
			report.export = await exportScenario(server.url, log);
			log(exportTable(report.export));
		}
		if (opts.want('history')) {
			log('history: page queries over 10,000 videos');
			report.history = await historyScenario(browser, server.url);
			log(historyTable(report.history));
		}
	} finally {
		await browser?.close();
		await server.stop();
	}
	report.machine.loadavgAtEnd = loadavg().map((x) => round(x));

	const json = JSON.stringify(report, null, 2);
	await mkdir(OUT_DIR, { recursive: true });
	const file = join(OUT_DIR, `bench-${report.date.replace(/[:.]/g, '-')}.json`);
	await writeFile(file, json + '\n');
	log(`written to ${file}`);
	console.log(json);
}

main().catch((e) => {
	console.error(e);
	process.exitCode = 1;
});
