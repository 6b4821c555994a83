// The Settings page: the saved defaults (shared with start-up and the scheduler), storage
// status, backup and restore, which decoder read recent videos, and a try-out of both face
// models on a photo.
import { scheduler } from '$lib/batch/scheduler-instance';
import { db } from '$lib/db/database';
import { recentDecoderUse } from '$lib/db/videos';
import { errorMessage } from '$lib/pipeline/failure-message';
import type { FaceBox } from '$lib/pipeline/types';
import { FACE_MODELS, type FaceModel } from '$lib/settings/extraction-settings';
import { BackupLibraryState } from './backup-library.svelte';
import { LiveQuery } from './live-query.svelte';
import { settingsStore } from './settings.svelte';
import { StorageStatus } from './storage-status.svelte';

export interface ModelTrial {
	name: string;
	/** Faces found by each model, or the error message of why the photo could not be read. */
	results: { model: FaceModel; faces: FaceBox[] | string }[];
}

export class SettingsPageState {
	readonly settings = settingsStore();
	readonly storage = new StorageStatus();
	readonly backup = new BackupLibraryState();
	readonly decoderUse = new LiveQuery(() => () => recentDecoderUse(db()));
	/** Whether this browser has WebCodecs at all. */
	readonly webcodecs = typeof VideoDecoder !== 'undefined';
	#saved = $state(false);
	#trial = $state<ModelTrial | null>(null);

	constructor() {
		$effect(() => void this.storage.refresh());
	}

	get saved(): boolean {
		return this.#saved;
	}

	get trial(): ModelTrial | null {
		return this.#trial;
	}

	save() {
		this.settings.save();
		this.#saved = this.settings.valid;
	}

	reset() {
		this.settings.reset();
	}

	/** Runs every face model on `file` with the current confidence threshold. */
	async tryModels(file: File) {
		this.#trial = { name: file.name, results: [] };
		const trial = this.#trial;
		for (const model of FACE_MODELS) {
			const faces = await scheduler()
				.detectImage(file, model, this.settings.values.confidence)
				.catch((e: unknown) => errorMessage(e));
			trial.results.push({ model, faces });
		}
	}
}
