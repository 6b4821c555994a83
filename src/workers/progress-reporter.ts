// One video's progress, from stage shares to the 0..1 bar: at most every PROGRESS_INTERVAL_MS,
// except stage changes, which always go through.
import type { ExtractProgress, ExtractStage, ProbeInfo } from '$lib/workers/extractor-protocol';

/** Share of the progress bar each stage takes. */
const STAGE_WEIGHTS: Readonly<Record<ExtractStage, number>> = {
	probing: 0.02,
	sampling: 0.83,
	extracting: 0.15
};
const STAGE_ORDER: readonly ExtractStage[] = ['probing', 'sampling', 'extracting'];
/**
 * Each report is a database write and a re-render of every page that shows the video: at 10 a
 * second they cost the main thread and the browser's storage ~1.3 CPU-s per minute of 720p video,
 * more than a fifth of the run. Four a second still moves the bar smoothly.
 */
export const PROGRESS_INTERVAL_MS = 250;

export class ProgressReporter {
	#send: (p: ExtractProgress) => void;
	#last = 0;
	#lastStage: ExtractStage | null = null;

	constructor(send: (p: ExtractProgress) => void) {
		this.#send = send;
	}

	/** `share` (0..1) of `stage` done; `probe` goes along once known. */
	report(
		stage: ExtractStage,
		share: number,
		framesDone: number,
		framesTotal: number,
		probe?: ProbeInfo
	): void {
		const now = performance.now();
		if (stage === this.#lastStage && now - this.#last < PROGRESS_INTERVAL_MS) return;
		this.#last = now;
		this.#lastStage = stage;
		const progress = this.overall(stage, share);
		this.#send({ stage, progress, framesDone, framesTotal, ...(probe ? { probe } : {}) });
	}

	/** The bar (0..1) at `share` of `stage`. */
	overall(stage: ExtractStage, share: number): number {
		let before = 0;
		for (const s of STAGE_ORDER) {
			if (s === stage) break;
			before += STAGE_WEIGHTS[s];
		}
		return before + STAGE_WEIGHTS[stage] * Math.min(1, Math.max(0, share));
	}
}
