// Issue "speed", point 2: what detecting fewer frames must not lose. Each fixture through the UI
// with default settings (WebCodecs where it reads the file): keyframes, the faces they hold, the
// most faces in one keyframe (the crowd of faces_timeline.mp4 at 10–14 s, the street of
// pedestrians_smallfaces.mp4), and the detections it took. Since the selection keeps one frame
// per shot, keyframes say little about detection: the same figures over every frame the run
// found faces on (its stored candidates) do.
import { join } from 'node:path';
import { readStoreRows } from '../../tests/support/app-core.mjs';
import { readVideos, startBatch, waitForCompleted } from '../browser.mjs';
import { FIXTURES } from '../config.mjs';

const DEFAULTS = {};
/** Low threshold and many keyframes: the small, uncertain faces a stricter run leaves out. */
const SENSITIVE = { confidence: 0.3, maxFrames: 100 };

export const QUALITY_RUNS = [
	['faces_timeline.mp4', DEFAULTS],
	['faces_timeline.mp4', SENSITIVE],
	['pedestrians_smallfaces.mp4', DEFAULTS],
	['pedestrians_smallfaces.mp4', SENSITIVE],
	['megamind.avi', DEFAULTS],
	['megamind_h264.mp4', DEFAULTS],
	['people_two.mp4', DEFAULTS]
];

/** Faces in `frames`, the most in one, and the most in one at 10–14 s (the crowd). */
function faceCounts(frames, suffix) {
	const faces = frames.map((f) => f.faces.length);
	const crowd = frames.filter((f) => f.timeSec >= 10 && f.timeSec <= 14);
	return {
		[`faces${suffix}`]: faces.reduce((a, b) => a + b, 0),
		[`mostFaces${suffix}`]: Math.max(0, ...faces),
		[`mostFacesAt10to14s${suffix}`]: Math.max(0, ...crowd.map((f) => f.faces.length))
	};
}

export async function qualityScenario(browser, baseUrl) {
	const out = {};
	for (const [name, options] of QUALITY_RUNS) {
		const context = await browser.newContext();
		try {
			const page = await context.newPage();
			await startBatch(page, baseUrl, [join(FIXTURES, name)], options);
			await waitForCompleted(page, 1, 5 * 60_000);
			const [video] = await readVideos(page);
			const { keyframes, candidates } = await readStoreRows(page, ['keyframes', 'candidates']);
			out[options === SENSITIVE ? `${name} (confidence 0.3, 100 frames)` : name] = {
				keyframes: keyframes.length,
				times: keyframes.map((k) => Math.round(k.timeSec * 100) / 100).sort((a, b) => a - b),
				...faceCounts(keyframes, 'InKeyframes'),
				framesWithFaces: candidates.length,
				...faceCounts(candidates, 'InFramesWithFaces'),
				detections: video.timings?.detections ?? null
			};
		} finally {
			await context.close();
		}
	}
	return out;
}
