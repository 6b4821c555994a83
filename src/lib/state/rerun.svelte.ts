// "Run again with other settings" on the review page: a draft of the video's settings, the run
// (a pool job, see batch/rerun.ts) with its progress, and the proposal it makes, which replaces
// the current keyframes only when the person keeps it. The proposal is stored until then: the
// page shows it again after a reload.
import type { RerunOutcome } from '$lib/batch/rerun';
import { keepRerun } from '$lib/batch/rerun';
import { scheduler } from '$lib/batch/scheduler-instance';
import { db } from '$lib/db/database';
import { dropProposal, proposalOf, saveProposal } from '$lib/db/rerun-proposals';
import type { VideoRecord } from '$lib/db/types';
import { noticeText } from '$lib/i18n/notice-text';
import { errorMessage } from '$lib/pipeline/failure-message';
import { catchUpPeople } from './people-catch-up';
import {
	DEFAULT_SETTINGS,
	extractionPart,
	loadStoredSettings,
	validateSettings,
	type AppSettings
} from '$lib/settings/extraction-settings';

export type RerunPhase = 'closed' | 'editing' | 'running' | 'ready';
export type RerunProposal = Extract<RerunOutcome, { ok: true }>;

export class RerunState {
	#videoId: () => string;
	#video: () => VideoRecord | undefined;
	#phase = $state<RerunPhase>('closed');
	#values = $state<AppSettings>({ ...DEFAULT_SETTINGS });
	#progress = $state(0);
	#proposal = $state.raw<RerunProposal | null>(null);
	#error = $state<string | null>(null);
	#abort: AbortController | null = null;

	constructor(videoId: () => string, video: () => VideoRecord | undefined) {
		this.#videoId = videoId;
		this.#video = video;
		void this.#restore();
	}

	/** A proposal stored by an earlier visit comes back ready to keep or drop. */
	async #restore() {
		const stored = await proposalOf(db(), this.#videoId()).catch(() => undefined);
		if (!stored || this.#phase !== 'closed') return;
		const { settings, result } = stored;
		this.#values = { ...DEFAULT_SETTINGS, ...loadStoredSettings(), ...settings };
		this.#proposal = { ok: true, settings, result };
		this.#phase = 'ready';
	}

	/** Forgets the proposal, here and stored. */
	#drop() {
		this.#proposal = null;
		dropProposal(db(), this.#videoId()).catch((error: unknown) =>
			console.warn('Could not forget the re-run proposal', error)
		);
	}

	get phase(): RerunPhase {
		return this.#phase;
	}

	/** Bindable draft: the video's own settings to start with (fields it predates from defaults). */
	get values(): AppSettings {
		return this.#values;
	}

	set values(values: AppSettings) {
		this.#values = values;
	}

	get errors() {
		return validateSettings(this.#values);
	}

	get progress(): number {
		return this.#progress;
	}

	get proposal(): RerunProposal | null {
		return this.#proposal;
	}

	get error(): string | null {
		return this.#error;
	}

	open() {
		const video = this.#video();
		if (!video) return;
		this.#values = { ...DEFAULT_SETTINGS, ...loadStoredSettings(), ...video.settings };
		this.#error = null;
		this.#phase = 'editing';
	}

	/** Closes the panel; a run in progress is cancelled, a proposal not kept is dropped. */
	close() {
		this.#abort?.abort();
		this.#drop();
		this.#phase = 'closed';
	}

	async start() {
		if (this.#phase !== 'editing' || Object.keys(this.errors).length > 0) return;
		const abort = (this.#abort = new AbortController());
		this.#phase = 'running';
		this.#progress = 0;
		this.#error = null;
		try {
			const outcome = await scheduler().rerun(
				this.#videoId(),
				extractionPart(this.#values),
				(p) => (this.#progress = p),
				abort.signal
			);
			if (abort.signal.aborted) return;
			if (outcome.ok) {
				// Shown either way; only a reload would lose one that could not be stored.
				await saveProposal(db(), this.#videoId(), outcome).catch((error: unknown) =>
					console.warn('Could not store the re-run proposal', error)
				);
				// Closed meanwhile: what was just stored goes too.
				if (abort.signal.aborted) return this.#drop();
				this.#proposal = outcome;
				this.#phase = 'ready';
			} else {
				this.#error = noticeText(outcome.notice);
				this.#phase = 'editing';
			}
		} catch (error) {
			// A cancel is not an error.
			if (!abort.signal.aborted) this.#error = errorMessage(error);
			if (this.#phase === 'running') this.#phase = 'editing';
		}
	}

	cancel() {
		this.#abort?.abort();
		if (this.#phase === 'running') this.#phase = 'editing';
	}

	/** Keeps the proposal: its keyframes replace the run's (hand-added ones and annotations stay). */
	async keep() {
		const proposal = this.#proposal;
		if (!proposal) return;
		try {
			await keepRerun(db(), this.#videoId(), proposal);
			catchUpPeople(this.#videoId());
			this.#proposal = null;
			this.#phase = 'closed';
		} catch (error) {
			this.#error = errorMessage(error);
		}
	}

	/** Drops the proposal; the current keyframes stay as they are. */
	discard() {
		this.#drop();
		this.#phase = 'editing';
	}
}
