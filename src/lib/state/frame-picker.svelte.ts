// "Pick by hand" on the review page: the original video in a player, stepped frame by frame, and
// the frame on screen taken at full size as a keyframe (in a pool worker, see batch/add-frame.ts).
// The player element is the component's; the frame arithmetic is pipeline/frame-step.ts.
import type { AddFrameResult } from '$lib/batch/add-frame';
import { scheduler } from '$lib/batch/scheduler-instance';
import type { VideoRecord } from '$lib/db/types';
import { errorMessage } from '$lib/pipeline/failure-message';
import { catchUpPeople } from './people-catch-up';
import { frameAtTime, frameSeekTime, frameStart, steppedFrame } from '$lib/pipeline/frame-step';

/** What the last "Add this frame" did, for the message under the player. */
export type AddFrameReport =
	{ frameIndex: number; result: AddFrameResult } | { frameIndex: number; error: string };

export class FramePickerState {
	#videoId: () => string;
	#video: () => VideoRecord | undefined;
	#onAdded: (frameIndex: number) => void;
	#open = $state(false);
	#time = $state(0);
	#paused = $state(true);
	#adding = $state(false);
	#report = $state<AddFrameReport | null>(null);

	readonly fps = $derived(this.#record()?.fps ?? 0);
	/** Frames on the timeline, from the probed duration and rate. */
	readonly frameCount = $derived(
		Math.max(1, Math.floor((this.#record()?.durationSec ?? 0) * this.fps))
	);
	/** The frame the player shows. */
	readonly frameIndex = $derived(this.fps > 0 ? frameAtTime(this.#time, this.fps) : 0);
	/** Only with the original kept and its frame rate known. */
	readonly available = $derived(!!this.#record()?.hasOriginal && this.fps > 0);

	constructor(
		videoId: () => string,
		video: () => VideoRecord | undefined,
		onAdded: (frameIndex: number) => void
	) {
		this.#videoId = videoId;
		this.#video = video;
		this.#onAdded = onAdded;
	}

	#record(): VideoRecord | undefined {
		return this.#video();
	}

	/** The shown frame's nominal time. */
	get frameTime(): number {
		return this.fps > 0 ? frameStart(this.frameIndex, this.fps) : 0;
	}

	get open(): boolean {
		return this.#open && this.available;
	}

	toggle() {
		this.#open = !this.#open;
		this.#report = null;
	}

	get time(): number {
		return this.#time;
	}

	/** The player's time, as it plays or is dragged. */
	setTime(timeSec: number) {
		this.#time = timeSec;
	}

	get paused(): boolean {
		return this.#paused;
	}

	setPaused(paused: boolean) {
		this.#paused = paused;
	}

	/** Pauses and shows the frame `step` frames away. */
	step(step: number) {
		if (!this.open) return;
		this.#paused = true;
		this.#time = frameSeekTime(steppedFrame(this.frameIndex, step, this.frameCount), this.fps);
	}

	get adding(): boolean {
		return this.#adding;
	}

	get report(): AddFrameReport | null {
		return this.#report;
	}

	/** Takes the frame on screen as a keyframe; waits for a free worker if videos are running. */
	async add() {
		if (!this.open || this.#adding) return;
		this.#paused = true;
		const frameIndex = this.frameIndex;
		this.#adding = true;
		this.#report = null;
		try {
			const result = await scheduler().addFrame(this.#videoId(), frameIndex);
			this.#report = { frameIndex, result };
			if (result.status === 'added') catchUpPeople(this.#videoId());
			if (result.status === 'added' || result.status === 'exists') this.#onAdded(frameIndex);
		} catch (error) {
			this.#report = { frameIndex, error: errorMessage(error) };
		} finally {
			this.#adding = false;
		}
	}
}
