// Issue "batch processing": the same 4 videos at concurrency 1, 2 and 3, each in a fresh context
// (clean IndexedDB), to show whether the worker pool turns cores into throughput.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readVideos, startBatch, waitForCompleted } from '../browser.mjs';
import { BENCH_FILE } from '../config.mjs';
import { measureCpu } from '../cpu.mjs';
import { sampleMemory } from '../memory.mjs';
import { nativeReference } from '../native.mjs';
import { round } from '../round.mjs';

const VIDEOS = 4;
const CONCURRENCIES = [1, 2, 3];
const TIMEOUT_MS = 20 * 60_000;

async function runOnce(browser, baseUrl, files, concurrency) {
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		const memory = await sampleMemory(browser, page);
		const cpu = measureCpu();
		const clickedAt = await startBatch(page, baseUrl, files, { concurrency });
		const { doneAt, maxProcessing } = await waitForCompleted(page, files.length, TIMEOUT_MS);
		const cpuUse = cpu.stop();
		const peaks = await memory.stop();
		const videos = await readVideos(page);
		const wallSec = (doneAt - clickedAt) / 1000;
		const videoSec = videos.reduce((s, v) => s + v.durationSec, 0);
		const perVideo = videos.map((v) => (v.finishedAt - v.startedAt) / 1000);
		return {
			concurrency,
			wallSec: round(wallSec),
			videoSec: round(videoSec),
			throughput: round(videoSec / wallSec, 3),
			maxProcessing,
			// Longer per-video times at higher concurrency show the videos sharing the cores.
			meanWorkerSecPerVideo: round(perVideo.reduce((s, x) => s + x, 0) / perVideo.length),
			peakMemory: peaks,
			cpu: cpuUse
		};
	} finally {
		await context.close();
	}
}

function remuxedCopy(dir, i) {
	const out = join(dir, `bench_copy_${i}.mp4`);
	const run = spawnSync(
		'ffmpeg',
		[
			'-hide_banner',
			'-nostdin',
			'-y',
			'-i',
			BENCH_FILE,
			'-map',
			'0',
			'-c',
			'copy',
			'-metadata',
			`title=bench copy ${i}`,
			out
		],
		{ encoding: 'utf8' }
	);
	if (run.status !== 0) throw new Error(`ffmpeg could not copy the bench file:\n${run.stderr}`);
	return out;
}

/**
 * `native`: the run's reference for one video (nativeReference), or null without ffmpeg. With
 * it, each concurrency also gets a reference of its own, taken right before it: the machine's
 * speed drifts within minutes (the same build's batch at concurrency 1 gave 2.09x against the
 * run's first reference, and 1.56-1.75x against one taken right before it, minutes later).
 */
export async function batchScenario(browser, baseUrl, log, native) {
	const dir = await mkdtemp(join(tmpdir(), 'kff-bench-'));
	try {
		// Distinct files (the library holds back a file it already has): the same streams remuxed
		// with a title of their own, so every copy decodes the same. The fixture is never modified.
		const files = [];
		for (let i = 1; i <= VIDEOS; i++) files.push(remuxedCopy(dir, i));
		const result = {};
		for (const c of CONCURRENCIES) {
			const nativeSec = native && nativeReference(BENCH_FILE, null, 1).bestSec;
			log(`batch: ${VIDEOS} videos at concurrency ${c}`);
			result[`c${c}`] = { ...(await runOnce(browser, baseUrl, files, c)), nativeSec };
		}
		result.ratios = {
			c2OverC1: round(result.c2.throughput / result.c1.throughput),
			c3OverC1: round(result.c3.throughput / result.c1.throughput),
			// The measure: the batch's wall time against native decoding all of it, right
			// before it.
			...(native
				? Object.fromEntries(
						CONCURRENCIES.map((c) => {
							const { wallSec, nativeSec } = result[`c${c}`];
							return [`c${c}OverNative`, round(wallSec / (VIDEOS * nativeSec))];
						})
					)
				: {})
		};
		return result;
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
