// The new-batch page: files dropped so far (checked by intake), refused ones, files already in the
// library (held back until the person decides), the batch name, and the batch's own draft settings. The draft starts from the saved defaults and is never
// written back: starting a batch does not change the defaults (that is the Settings page's job).
import { goto } from '$app/navigation';
import { resolve } from '$app/paths';
import { createBatch, defaultBatchName } from '$lib/batch/create-batch';
import { splitDuplicates, type Duplicate, type IntakeFile } from '$lib/batch/duplicates';
import { checkFiles, type RefusedFile } from '$lib/batch/intake';
import { scheduler } from '$lib/batch/scheduler-instance';
import { listRecentBatches } from '$lib/db/batches';
import { db } from '$lib/db/database';
import { videosWithContentKeys } from '$lib/db/videos';
import { m } from '$lib/paraglide/messages';
import { errorMessage } from '$lib/pipeline/failure-message';
import { sortPicks, type PickedFile } from '$lib/shared/video-files';
import type { BatchEstimate } from './batch-estimate';
import { BatchPreflight } from './batch-preflight.svelte';
import type { CapabilityNotice } from './capability-notices';
import { onLaunchedFiles, sharedFiles } from './launched-files';
import { LiveQuery } from './live-query.svelte';
import { ReferencePhoto } from './reference-photo.svelte';
import { SettingsStore } from './settings.svelte';
import { askPersistentStorage } from './storage-status.svelte';

export class NewBatchPageState {
	/** This batch's settings, starting from the saved defaults. */
	readonly settings = new SettingsStore();
	readonly recent = new LiveQuery(() => () => listRecentBatches(db(), 10));
	/** What this device makes slower or impossible, and how long the batch should take. */
	readonly preflight = new BatchPreflight();
	/** People: keep only frames of the person in this photo (optional). */
	readonly reference = new ReferencePhoto();
	files = $state<IntakeFile[]>([]);
	refused = $state<RefusedFile[]>([]);
	/** Files the library already holds (or picked twice): queued only if the person says so. */
	duplicates = $state<Duplicate[]>([]);
	/** Files in picked folders that were not videos. */
	skipped = $state(0);
	batchName = $state(defaultBatchName());
	/** The name this page gave the batch; a picked folder's name replaces it, the person's does not. */
	#givenName = this.batchName;
	#busy = $state(false);
	#error = $state<string | null>(null);

	constructor() {
		// ffmpeg.wasm's core compiles (~1.5 s) before Start too, once a chosen video is known to
		// need it: the decoder is set to ffmpeg.wasm, or WebCodecs cannot read one of them.
		$effect(() => {
			const { model, decoder } = this.settings.values;
			const chosen = this.#chosen;
			if (chosen.length && (decoder === 'ffmpeg' || this.preflight.needsFfmpeg(chosen)))
				scheduler().warm(model, true);
		});
	}

	get busy(): boolean {
		return this.#busy;
	}

	get error(): string | null {
		return this.#error;
	}

	get canStart(): boolean {
		return (
			!this.#busy &&
			this.files.length > 0 &&
			this.settings.valid &&
			this.preflight.canProcess(this.#chosen) &&
			// A photo being read or waiting for its face to be chosen is not ready to filter by.
			!['working', 'several'].includes(this.reference.state.kind)
		);
	}

	get notices(): CapabilityNotice[] {
		return this.preflight.notices(this.#chosen);
	}

	get estimate(): BatchEstimate | null {
		return this.preflight.estimate(this.#chosen);
	}

	get #chosen(): File[] {
		return this.files.map((f) => f.file);
	}

	/** Learns the new files' decoders and durations, off the click's path. */
	#probeChosen() {
		this.preflight
			.probe(this.#chosen)
			.catch((error: unknown) => console.error('Could not read the videos ahead', error));
	}

	/** Files and folders as picked or dropped: a folder adds the videos inside it. */
	async addPicked(picked: PickedFile[]) {
		const { files, skipped, folder } = sortPicks(picked);
		this.skipped += skipped;
		if (folder && this.batchName === this.#givenName) this.batchName = this.#givenName = folder;
		if (files.length) await this.addFiles(files);
	}

	async addFiles(dropped: File[]) {
		this.#busy = true;
		// Videos are coming: the face models load (and their code compiles) while the person
		// finishes picking, not at the start of the first video (ffmpeg.wasm's core: see the
		// constructor).
		scheduler().warm(this.settings.values.model);
		const result = await checkFiles(dropped);
		const keys = result.accepted.map((a) => a.contentKey).filter((k) => k !== null);
		const library = keys.length ? await videosWithContentKeys(db(), keys) : [];
		const { fresh, duplicates } = splitDuplicates(result.accepted, this.files, library);
		this.files = [...this.files, ...fresh];
		this.duplicates = [...this.duplicates, ...duplicates];
		this.refused = [...this.refused, ...result.refused];
		this.#busy = false;
		this.#probeChosen();
	}

	/** Queues a held-back duplicate after all: the person wants it processed again. */
	addDuplicate(index: number) {
		this.files = [...this.files, this.duplicates[index].entry];
		this.skipDuplicate(index);
		this.#probeChosen();
	}

	skipDuplicate(index: number) {
		this.duplicates = this.duplicates.filter((_, j) => j !== index);
	}

	removeFile(index: number) {
		this.files = this.files.filter((_, j) => j !== index);
	}

	clearRefused() {
		this.refused = [];
		this.skipped = 0;
	}

	/**
	 * Takes the files opened with the installed app, now and later, and those shared to it (the
	 * share named in the page's URL). Call once the page is in the browser.
	 */
	receiveFiles() {
		onLaunchedFiles((files) => this.takeFiles(files));
		sharedFiles()
			.then((files) => (files.length ? this.takeFiles(files) : undefined))
			.catch((error: unknown) => console.error('Could not take the shared files', error));
	}

	/**
	 * Files the system handed over go straight into a new batch with the saved settings, unless
	 * one needs the person's say first (refused, already in the library) or this device cannot
	 * process them: then they wait on this page like dropped ones.
	 */
	async takeFiles(files: File[]) {
		await this.addFiles(files);
		await this.preflight.probe(this.#chosen);
		if (!this.refused.length && !this.duplicates.length) await this.start();
	}

	async start() {
		if (!this.canStart) return;
		this.#busy = true;
		this.#error = null;
		// Storing videos is when the library starts to matter: ask the browser to keep it, here in
		// the click (the batch page shows the answer).
		void askPersistentStorage().catch(() => null);
		try {
			const { embedding } = this.reference;
			const batch = await createBatch(
				db(),
				this.batchName,
				this.files,
				this.settings.values,
				embedding && [embedding]
			);
			await scheduler().startBatch(batch.id);
			await goto(resolve('/batches/[id]', { id: batch.id }));
		} catch (e) {
			this.#error = m.home_store_failed({ reason: errorMessage(e) });
			this.#busy = false;
		}
	}
}
