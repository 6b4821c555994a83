// How open each face's eyes are when open: the same face followed through its shot (by where it
// is in the picture), and the eye aspect ratio it usually has there. A blink is the lids closing
// against that, since no one ratio tells closed from open for every face: measured by the
// landmark model, megamind_h264.mp4's cartoon blinks at 0.16-0.20 with its eyes open at
// 0.30-0.42, while people_two.mp4's real people look on, eyes open, at 0.18-0.29.
import type { FaceBox } from './types';

/** A face unseen for longer than this is another face, even where it was. */
const MAX_GAP_SEC = 2;
/** The same face moves its centre by less than this share of its size between candidates. */
const NEAR = 0.5;
/** A face followed through fewer measured candidates has no baseline of its own. */
const MIN_MEASURED = 3;
/** The baseline: this quantile of the face's ratios (blinks are short, looking down is not rare). */
const OPEN_QUANTILE = 0.75;

interface Track {
	shot: number | undefined;
	x: number;
	y: number;
	lastSec: number;
	ratios: number[];
	faces: { frame: number; face: number }[];
}

const centre = (f: FaceBox) => ({ x: f.x + f.width / 2, y: f.y + f.height / 2 });

function quantile(values: number[], q: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(q * (sorted.length - 1))];
}

/** The track `face` continues in its frame (one face per track and frame), or undefined. */
function nearestTrack(
	tracks: readonly Track[],
	taken: ReadonlySet<Track>,
	face: FaceBox,
	shot: number | undefined,
	timeSec: number
): Track | undefined {
	const { x, y } = centre(face);
	const reach = NEAR * Math.max(face.width, face.height);
	let best: Track | undefined;
	let bestDistance = reach;
	for (const track of tracks) {
		if (track.shot !== shot || timeSec - track.lastSec > MAX_GAP_SEC || taken.has(track)) continue;
		const distance = Math.hypot(track.x - x, track.y - y);
		if (distance < bestDistance) {
			best = track;
			bestDistance = distance;
		}
	}
	return best;
}

function withoutBaseline(face: FaceBox): FaceBox {
	const copy = { ...face };
	delete copy.openEyeAspect;
	return copy;
}

/**
 * The frames with each measured face's `openEyeAspect` set (copies; the input is left as it is):
 * the usual ratio of the face it is through its shot, when measured on enough candidates.
 */
export function withOpenEyes<T extends { timeSec: number; shot?: number; faces: FaceBox[] }>(
	frames: readonly T[]
): T[] {
	const order = frames.map((_, i) => i).sort((a, b) => frames[a].timeSec - frames[b].timeSec);
	const tracks: Track[] = [];
	for (const i of order) {
		const { timeSec, shot, faces } = frames[i];
		const taken = new Set<Track>();
		faces.forEach((face, f) => {
			let track = nearestTrack(tracks, taken, face, shot, timeSec);
			if (!track) {
				track = { shot, ...centre(face), lastSec: timeSec, ratios: [], faces: [] };
				tracks.push(track);
			}
			taken.add(track);
			Object.assign(track, centre(face), { lastSec: timeSec });
			if (face.eyeAspect === undefined) return;
			track.ratios.push(face.eyeAspect);
			track.faces.push({ frame: i, face: f });
		});
	}
	// A baseline the frames came with (stored candidates) is computed anew, or goes.
	const out = frames.map((frame) => ({ ...frame, faces: frame.faces.map(withoutBaseline) }));
	for (const track of tracks) {
		if (track.ratios.length < MIN_MEASURED) continue;
		const open = quantile(track.ratios, OPEN_QUANTILE);
		for (const { frame, face } of track.faces) out[frame].faces[face].openEyeAspect = open;
	}
	return out;
}
