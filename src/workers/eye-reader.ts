/// <reference lib="webworker" />
// The eyes-open factor for a candidate's faces: crops from the analysed gray picture, read by the
// face landmark model on the detector's thread. Optional: when the model cannot load or run, the
// run goes on without it (faces unmeasured, scores as they were) and says so once.
import { LANDMARK_INPUT, landmarkInput, withEyes } from '$lib/pipeline/eyes';
import type { FaceBox, GrayImage } from '$lib/pipeline/types';
import { ArrayPool } from './array-pool';
import type { EyeReadings } from './face-detector.worker';

/** At most this many faces of a frame are measured, the largest: a crowd costs no more. */
const MAX_MEASURED_FACES = 6;
const CROP_LENGTH = LANDMARK_INPUT * LANDMARK_INPUT * 3;

export type ReadEyes = (crops: Float32Array<ArrayBuffer>[]) => Promise<EyeReadings>;

export class EyeReader {
	/** Seconds in the landmark model and faces it read, for the profile. */
	readonly timings = { eyes: 0, eyeFaces: 0 };
	#read: ReadEyes;
	/** Crops come back from the detector's thread with the readings: enough for frames in flight. */
	#crops = new ArrayPool((n) => new Float32Array(n), 4 * MAX_MEASURED_FACES);
	#failed = false;
	#onFailure: (reason: string) => void;

	constructor(read: ReadEyes, onFailure: (reason: string) => void) {
		this.#read = read;
		this.#onFailure = onFailure;
	}

	/** `faces` (source pixels, `scale` per pixel of `gray`) with their eyes, less non-faces. */
	async check(gray: GrayImage, faces: FaceBox[], scale: number): Promise<FaceBox[]> {
		if (this.#failed || faces.length === 0) return faces;
		const largest = new Set(
			[...faces]
				.sort((a, b) => b.width * b.height - a.width * a.height)
				.slice(0, MAX_MEASURED_FACES)
		);
		const crops = faces.map((f) => (largest.has(f) ? this.#crop(gray, f, scale) : null));
		const measured = crops.filter((c) => c !== null);
		if (measured.length === 0) return faces;
		try {
			const { readings, seconds, crops: back } = await this.#read(measured);
			for (const crop of back) this.#crops.give(crop);
			this.timings.eyes += seconds;
			this.timings.eyeFaces += measured.length;
			let next = 0;
			return withEyes(
				faces,
				crops.map((c) => (c ? readings[next++] : undefined))
			);
		} catch (error) {
			// Frames still in flight fail too: say it once.
			if (!this.#failed)
				this.#onFailure(
					`Eyes were not measured: ${error instanceof Error ? error.message : String(error)}`
				);
			this.#failed = true;
			return faces;
		}
	}

	#crop(gray: GrayImage, face: FaceBox, scale: number): Float32Array<ArrayBuffer> | null {
		const into = this.#crops.take(CROP_LENGTH);
		const crop = landmarkInput(gray, face, scale, into);
		if (!crop) this.#crops.give(into);
		return crop;
	}
}
