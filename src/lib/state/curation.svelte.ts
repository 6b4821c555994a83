// The review page's curation: the gallery's order, and the selection tuned again from the run's
// stored candidates (no decoding): applied at once, kept with the video, reset to the run's. The
// frames it newly chooses that were never extracted are extracted in the background.
import { scheduler } from '$lib/batch/scheduler-instance';
import { applySelection, runCandidates } from '$lib/db/curation';
import { db } from '$lib/db/database';
import type { VideoRecord } from '$lib/db/types';
import { curate, type SelectionBasis, type Tune } from '$lib/pipeline/curate';
import type { ScoredFrame } from '$lib/pipeline/types';
import { boundedTune, sameTune } from '$lib/settings/tune-settings';
import type { KeyframeOrder } from './keyframe-order';
import { catchUpPeople } from './people-catch-up';

export class CurationState {
	#videoId: () => string;
	#video: () => VideoRecord | undefined;
	/** Which apply() is the latest: an older one's extraction does not clear the newer's status. */
	#generation = 0;

	order = $state<KeyframeOrder>('time');
	/** Frames being extracted for the tuned selection. */
	extracting = $state(0);
	/** Chosen frames that cannot be shown: the original file is gone. */
	unavailable = $state(0);
	/** The chosen frames without a full-size picture yet (or ever), shown by their previews. */
	pending = $state.raw<readonly ScoredFrame[]>([]);

	constructor(videoId: () => string, video: () => VideoRecord | undefined) {
		this.#videoId = videoId;
		this.#video = video;
	}

	/** What the selection is made from; null for runs from before candidates were kept. */
	get basis(): SelectionBasis | null {
		return this.#video()?.selection ?? null;
	}

	/** The settings the selection is made with now. */
	get tune(): Tune | null {
		return this.#video()?.retune ?? this.basis?.tune ?? null;
	}

	/** Tuned away from the run's own settings. */
	get tuned(): boolean {
		return (this.#video()?.retune ?? null) !== null;
	}

	/** Chooses keyframes with `next` from the stored candidates, at once. */
	async apply(next: Tune): Promise<void> {
		const { basis, tune } = this;
		if (!basis || !tune) return;
		const videoId = this.#videoId();
		const bounded = boundedTune(next, tune);
		const candidates = await runCandidates(db(), videoId);
		const chosen = curate(candidates, basis, bounded);
		const retune = sameTune(bounded, basis.tune) ? null : bounded;
		const missing = await applySelection(db(), videoId, chosen, retune);
		const generation = ++this.#generation;
		this.unavailable = 0;
		this.extracting = missing.length;
		this.pending = candidates.filter((c) => missing.includes(c.frameIndex));
		if (missing.length === 0) {
			catchUpPeople(videoId);
			return;
		}
		const done = await scheduler()
			.extractFrames(videoId, missing)
			.catch((error: unknown) => {
				console.warn('Could not extract the tuned selection', error);
				return false;
			});
		catchUpPeople(videoId);
		if (generation !== this.#generation) return;
		this.extracting = 0;
		if (!done) this.unavailable = missing.length;
		else this.pending = [];
	}

	/** Back to the run's own selection. */
	reset(): Promise<void> {
		return this.basis ? this.apply(this.basis.tune) : Promise.resolve();
	}
}
