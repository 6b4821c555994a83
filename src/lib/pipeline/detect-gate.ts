// Which sampled frames the face detector sees. Detection is the costliest step per frame, and
// neighbouring samples of one shot hold the same faces: a frame is detected when the picture
// changed since the last detected frame (a cut, motion, someone entering), and at least every
// `maxGapSec` and every `maxSkipped + 1`-th sample whatever happens, so no stretch goes
// unlooked-at for longer than that and a denser sample rate still means more candidates.
// The same difference between consecutive samples marks shot changes (`shot` counts them), which
// selection uses to keep one keyframe per shot.
import { gridDistance } from './picture';

export interface GateOptions {
	/** Longest time between two detections, in seconds. */
	maxGapSec: number;
	/** Samples skipped in a row at most. */
	maxSkipped: number;
	/** Mean luma-grid difference (brightness levels of 255) that counts as a changed picture. */
	changeThreshold: number;
	/**
	 * Mean luma-grid difference between consecutive samples that starts a new shot. Measured at
	 * every 5th frame: cuts in faces_timeline.mp4, megamind.avi and people_two.mp4 differ by
	 * 24–99 levels, motion and people_two's slow zoom within a shot by at most 9.4.
	 */
	cutThreshold: number;
}

/**
 * Defaults checked on the fixtures with `npm run bench -- --only quality` (faces found, keyframes
 * spread), for samples REFERENCE_INTERVAL_SEC apart (see `gateOptions`). A change of 3 levels let
 * nearly every sample of moving footage through (consecutive samples of the bench's animation
 * differ by 2 at the median); at 5 the fixtures keep the same shots and crowd with 16–26% fewer
 * detections (23% on the bench video).
 */
export const DEFAULT_GATE: Readonly<GateOptions> = {
	maxGapSec: 0.5,
	maxSkipped: 2,
	changeThreshold: 5,
	cutThreshold: 16
};

/** The sample spacing DEFAULT_GATE's change threshold is set for: every 5th frame at 25 fps. */
const REFERENCE_INTERVAL_SEC = 0.2;

/**
 * The gate for samples `intervalSec` apart. Change piles up over time between detections, so a
 * fixed threshold would detect as often at every frame as at every 5th: a denser sample rate
 * lowers it in proportion, so a person who samples densely has the denser frames looked at.
 */
export function gateOptions(intervalSec: number): GateOptions {
	const share = intervalSec > 0 ? Math.min(1, intervalSec / REFERENCE_INTERVAL_SEC) : 1;
	return { ...DEFAULT_GATE, changeThreshold: DEFAULT_GATE.changeThreshold * share };
}

/** What the gate remembers between frames, so a resumed pass decides as the first one would. */
export interface GateState {
	lastTime: number;
	/** The last detected frame's grid (never changed after), null before the first detection. */
	lastGrid: Float32Array | null;
	skipped: number;
	/** The previous sample's grid; absent in checkpoints stored before shots were counted. */
	previousGrid?: Float32Array | null;
	/** Shot changes seen so far: the current sample's shot number. */
	shot?: number;
}

const FRESH: GateState = { lastTime: -Infinity, lastGrid: null, skipped: 0 };

export class DetectGate {
	#options: GateOptions;
	#lastTime: number;
	#lastGrid: Float32Array | null;
	#skipped: number;
	#previousGrid: Float32Array | null;
	#shot: number;

	constructor(options: GateOptions = DEFAULT_GATE, state: GateState = FRESH) {
		this.#options = options;
		this.#lastTime = state.lastTime;
		this.#lastGrid = state.lastGrid;
		this.#skipped = state.skipped;
		this.#previousGrid = state.previousGrid ?? null;
		this.#shot = state.shot ?? 0;
	}

	get state(): GateState {
		return {
			lastTime: this.#lastTime,
			lastGrid: this.#lastGrid,
			skipped: this.#skipped,
			previousGrid: this.#previousGrid,
			shot: this.#shot
		};
	}

	/** The shot of the latest sample given to `shouldDetect`. */
	get shot(): number {
		return this.#shot;
	}

	/** Whether the frame at `timeSec` with luma grid `grid` needs a detection; remembers it if so. */
	shouldDetect(timeSec: number, grid: Float32Array): boolean {
		if (this.#previousGrid && gridDistance(grid, this.#previousGrid) >= this.#options.cutThreshold)
			this.#shot++;
		this.#previousGrid = grid;
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
