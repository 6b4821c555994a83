// Which sampled frames the face detector sees. Detection is the costliest step per frame, and
// neighbouring samples of one shot hold the same faces: a frame is detected when the picture
// changed since the last detected frame (a cut, motion, someone entering), and at least every
// `maxGapSec` and every `maxSkipped + 1`-th sample whatever happens, so no stretch goes
// unlooked-at for longer than that and a denser sample rate still means more candidates.
import { gridDistance } from './picture';

export interface GateOptions {
	/** Longest time between two detections, in seconds. */
	maxGapSec: number;
	/** Samples skipped in a row at most. */
	maxSkipped: number;
	/** Mean luma-grid difference (brightness levels of 255) that counts as a changed picture. */
	changeThreshold: number;
}

/** Defaults checked on the fixtures with `npm run bench -- --only quality` (faces found, keyframes spread). */
export const DEFAULT_GATE: Readonly<GateOptions> = {
	maxGapSec: 0.5,
	maxSkipped: 2,
	changeThreshold: 3
};

export class DetectGate {
	#options: GateOptions;
	#lastTime = -Infinity;
	#lastGrid: Float32Array | null = null;
	#skipped = 0;

	constructor(options: GateOptions = DEFAULT_GATE) {
		this.#options = options;
	}

	/** Whether the frame at `timeSec` with luma grid `grid` needs a detection; remembers it if so. */
	shouldDetect(timeSec: number, grid: Float32Array): boolean {
		const due =
			!this.#lastGrid ||
			this.#skipped >= this.#options.maxSkipped ||
			timeSec - this.#lastTime >= this.#options.maxGapSec - 1e-6 ||
			timeSec < this.#lastTime ||
			gridDistance(grid, this.#lastGrid) >= this.#options.changeThreshold;
		if (due) {
			this.#lastTime = timeSec;
			this.#lastGrid = grid;
			this.#skipped = 0;
		} else this.#skipped++;
		return due;
	}
}
