// What the new-batch page knows before Start: this device's capabilities (probed at start-up),
// each chosen file's decoder and duration (probed as files come, one at a time, in the
// background), the storage left, and the measured speed from earlier runs. Notices and the
// estimate are derived from these by the pure capability-notices.ts and batch-estimate.ts.
import { SvelteMap } from 'svelte/reactivity';
import { db } from '$lib/db/database';
import { recentRuns } from '$lib/db/videos';
import { batchEstimate, deviceSpeed, type BatchEstimate, type DeviceSpeed } from './batch-estimate';
import { canProcess, capabilityNotices, type CapabilityNotice } from './capability-notices';
import { probeDevice, probeFile, type FileProbe } from './device-probe';
import { StorageStatus } from './storage-status.svelte';

export class BatchPreflight {
	readonly storage = new StorageStatus();
	readonly device = probeDevice();
	readonly #probes = new SvelteMap<File, FileProbe>();
	#speed = $state.raw<DeviceSpeed>(deviceSpeed([]));
	/** The probing in progress, so that several calls queue rather than race. */
	#probing: Promise<void> = Promise.resolve();

	constructor() {
		this.storage.refresh().catch(() => null);
		if (this.device.indexedDb)
			recentRuns(db())
				.then((runs) => (this.#speed = deviceSpeed(runs)))
				.catch(() => null);
	}

	/** Probes the files not probed yet; resolves once every file given so far is known. */
	probe(files: File[]): Promise<void> {
		this.#probing = this.#probing.then(async () => {
			for (const file of files) {
				if (this.#probes.has(file)) continue;
				this.#probes.set(file, await probeFile(file));
			}
		});
		return this.#probing;
	}

	/** Whether any of `files` is known to need ffmpeg.wasm (WebCodecs cannot read it). */
	needsFfmpeg(files: File[]): boolean {
		return files.some((f) => this.#probes.get(f)?.webCodecs === false);
	}

	notices(files: File[]): CapabilityNotice[] {
		const { usage, quota, persisted } = this.storage;
		const freeBytes = quota === null ? null : quota - (usage ?? 0);
		return capabilityNotices(
			{ ...this.device, freeBytes, persisted },
			files.map((f) => ({
				name: f.name,
				size: f.size,
				webCodecs: this.#probes.get(f)?.webCodecs ?? null
			}))
		);
	}

	canProcess(files: File[]): boolean {
		return canProcess(this.notices(files));
	}

	estimate(files: File[]): BatchEstimate | null {
		return batchEstimate(
			files.map((f) => ({
				size: f.size,
				durationSec: this.#probes.get(f)?.durationSec ?? null,
				webCodecs: this.#probes.get(f)?.webCodecs ?? null
			})),
			this.#speed
		);
	}
}
