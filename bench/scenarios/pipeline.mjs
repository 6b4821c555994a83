// Issues "keyframe extraction" and "speed": one video (the 60 s 720p one unless told), default
// settings, through the UI, with one decoder ('auto' = WebCodecs here, 'ffmpeg' = ffmpeg.wasm
// forced), in a fresh browser context (so each run pays its own worker start-up).
import { readVideos, startBatch, waitForCompleted, waitForPeople } from '../browser.mjs';
import { BENCH_FILE } from '../config.mjs';
import { measureCpu } from '../cpu.mjs';
import { sampleMemory } from '../memory.mjs';
import { round } from '../round.mjs';

const TIMEOUT_MS = 10 * 60_000;
const PEOPLE_TIMEOUT_MS = 60_000;

/**
 * `range`: [start, end] seconds to process, or null for the whole video; `pauseMs`: time between
 * picking the file and clicking Start (0: at once, as a script does).
 */
export async function pipelineScenario(
	browser,
	baseUrl,
	decoder,
	file = BENCH_FILE,
	range = null,
	pauseMs = 0
) {
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		const memory = await sampleMemory(browser, page);
		const cpu = measureCpu();
		const rangeOptions = range ? { rangeStart: range[0], rangeEnd: range[1] } : {};
		const clickedAt = await startBatch(
			page,
			baseUrl,
			[file],
			{ decoder, ...rangeOptions },
			pauseMs
		);
		const { doneAt } = await waitForCompleted(page, 1, TIMEOUT_MS);
		const cpuUse = cpu.stop();
		const peopleAt = await waitForPeople(page, PEOPLE_TIMEOUT_MS);
		const peaks = await memory.stop();
		const [video] = await readVideos(page);
		const totalSec = (doneAt - clickedAt) / 1000;
		return {
			file: video.name,
			decoder: video.decoder,
			decoderNote: video.decoderNote,
			videoSec: round(video.durationSec),
			totalSec: round(totalSec),
			// People embeds the keyframes' faces after the video completes: how much later it has them.
			peopleAfterSec: peopleAt === null ? null : round((peopleAt - doneAt) / 1000),
			rtf: round(totalSec / video.durationSec, 3),
			// The worker's own span (startedAt to finishedAt), without queueing and UI latency.
			workerSec: round((video.finishedAt - video.startedAt) / 1000),
			// load+probe, sample+detect (of which convert, detect, measure run on the worker thread,
			// eyes is the landmark model on eyeFaces faces; the rest is waiting on the decoder),
			// select, extract.
			stagesSec: Object.fromEntries(
				Object.entries(video.timings ?? {}).map(([stage, sec]) => [stage, round(sec)])
			),
			keyframes: video.keyframeCount,
			peakMemory: peaks,
			cpu: cpuUse
		};
	} finally {
		await context.close();
	}
}

/** A run's total over the native reference of its round, or null without one. */
export const overNative = (run) => (run.nativeSec ? round(run.totalSec / run.nativeSec) : null);

/** A run's total over ffmpeg.wasm doing the native reference's work in its round. */
export const overWasmReference = (run) => round(run.totalSec / run.wasmRefSec);

/**
 * The median run among `runs` (an odd number): by total over its round's native reference where
 * there is one (a slow spell of the machine slows both), else by total; every run's total and
 * ratio beside it.
 */
export function medianRun(runs) {
	const key = (r) => overNative(r) ?? r.totalSec;
	const sorted = [...runs].sort((a, b) => key(a) - key(b));
	return {
		...sorted[(sorted.length - 1) >> 1],
		runsSec: runs.map((r) => r.totalSec),
		runsOverNative: runs.map(overNative)
	};
}
