// Issue "speed", point 2: what detecting fewer frames must not lose. Each fixture through the UI
// with default settings (WebCodecs where it reads the file): keyframes, the faces they hold, the
// most faces in one keyframe (the crowd of faces_timeline.mp4 at 10–14 s, the street of
// pedestrians_smallfaces.mp4), and the detections it took.
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

export async function qualityScenario(browser, baseUrl) {
	const out = {};
	for (const [name, options] of QUALITY_RUNS) {
		const context = await browser.newContext();
		try {
			const page = await context.newPage();
			await startBatch(page, baseUrl, [join(FIXTURES, name)], options);
			await waitForCompleted(page, 1, 5 * 60_000);
			const [video] = await readVideos(page);
			const { keyframes } = await readStoreRows(page, ['keyframes']);
			const faces = keyframes.map((k) => k.faces.length);
			const crowd = keyframes.filter((k) => k.timeSec >= 10 && k.timeSec <= 14);
			out[options === SENSITIVE ? `${name} (confidence 0.3, 100 frames)` : name] = {
				keyframes: keyframes.length,
				times: keyframes.map((k) => Math.round(k.timeSec * 100) / 100).sort((a, b) => a - b),
				facesInKeyframes: faces.reduce((a, b) => a + b, 0),
				mostFacesInOne: Math.max(0, ...faces),
				mostFacesAt10to14s: Math.max(0, ...crowd.map((k) => k.faces.length)),
				detections: video.timings?.detections ?? null
			};
		} finally {
			await context.close();
		}
	}
	return out;
}
