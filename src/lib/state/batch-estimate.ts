// How long a batch will take, before it starts: its videos' total duration times this device's
// measured speed (seconds of run per second of video, per decoder, from the newest completed
// videos), with a default until a decoder has been measured here. The batch page's remaining
// time then takes over from measured progress.
import type { PastRun } from '$lib/db/videos';
import type { DecoderName } from '$lib/shared/decoders';

/** Seconds of run per second of video, and whether this device measured it. */
export interface DecoderSpeed {
	secPerSec: number;
	measured: boolean;
}
export type DeviceSpeed = Record<DecoderName, DecoderSpeed>;

/**
 * Before any run: roughly what a 2-core laptop does with the default settings. ffmpeg.wasm is
 * 2–3× slower than WebCodecs (ARCHITECTURE.md), which also scales one decoder from the other.
 */
export const DEFAULT_SEC_PER_SEC: Readonly<Record<DecoderName, number>> = {
	webcodecs: 1,
	'ffmpeg.wasm': 2.5
};

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function deviceSpeed(runs: readonly PastRun[]): DeviceSpeed {
	const measured = (decoder: DecoderName) => {
		const ratios = runs
			.filter((r) => r.decoder === decoder && r.durationSec > 0 && r.runSec > 0)
			.map((r) => r.runSec / r.durationSec);
		return ratios.length ? median(ratios) : null;
	};
	const web = measured('webcodecs');
	const ff = measured('ffmpeg.wasm');
	const ratio = DEFAULT_SEC_PER_SEC['ffmpeg.wasm'] / DEFAULT_SEC_PER_SEC.webcodecs;
	// One decoder measured says how fast this device is for the other one too.
	return {
		webcodecs: {
			secPerSec: web ?? (ff !== null ? ff / ratio : DEFAULT_SEC_PER_SEC.webcodecs),
			measured: web !== null
		},
		'ffmpeg.wasm': {
			secPerSec: ff ?? (web !== null ? web * ratio : DEFAULT_SEC_PER_SEC['ffmpeg.wasm']),
			measured: ff !== null
		}
	};
}

export interface EstimateFile {
	size: number;
	/** null when the container could not be read before the run. */
	durationSec: number | null;
	/** Whether WebCodecs decodes it; null until known (then WebCodecs is assumed). */
	webCodecs: boolean | null;
}

export interface BatchEstimate {
	seconds: number;
	/** True when every decoder it counts on was measured on this device. */
	measured: boolean;
}

/**
 * Null while no file's duration is known. A file of unknown duration counts as long as the
 * known ones suggest by its size (same bytes per second).
 */
export function batchEstimate(
	files: readonly EstimateFile[],
	speed: DeviceSpeed
): BatchEstimate | null {
	const known = files.filter((f) => f.durationSec !== null);
	if (!known.length) return null;
	const bytesPerSec =
		known.reduce((s, f) => s + f.size, 0) / known.reduce((s, f) => s + f.durationSec!, 0);
	let seconds = 0;
	let measured = true;
	for (const f of files) {
		const decoder: DecoderName = f.webCodecs === false ? 'ffmpeg.wasm' : 'webcodecs';
		const duration = f.durationSec ?? f.size / bytesPerSec;
		seconds += duration * speed[decoder].secPerSec;
		measured &&= speed[decoder].measured;
	}
	return { seconds, measured };
}
