// The browser side of the capability check: what this device has (probed once) and, per chosen
// file, whether WebCodecs decodes it and how long it lasts. Reads only the container's headers
// (mediabunny, loaded on demand), so it stays light on the main thread.
import type { DeviceFacts } from './capability-notices';

/** A module with one SIMD instruction (i8x16.splat): valid only where wasm SIMD exists. */
const SIMD_PROBE = new Uint8Array([
	0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15,
	253, 98, 11
]);

export type StaticDeviceFacts = Omit<DeviceFacts, 'freeBytes' | 'persisted'>;

export function probeDevice(): StaticDeviceFacts {
	const webAssembly = typeof WebAssembly === 'object';
	return {
		webAssembly,
		wasmSimd: webAssembly && WebAssembly.validate(SIMD_PROBE),
		workers: typeof Worker === 'function',
		indexedDb: typeof indexedDB === 'object' && indexedDB !== null,
		webCodecs: typeof VideoDecoder === 'function'
	};
}

export interface FileProbe {
	/** False when WebCodecs cannot read it (no demuxer for the container, or codec refused). */
	webCodecs: boolean;
	/** null when the container cannot be read here (ffmpeg.wasm will still try). */
	durationSec: number | null;
}

export async function probeFile(file: File): Promise<FileProbe> {
	const { Input, BlobSource, MP4, QTFF, WEBM, MATROSKA } = await import('mediabunny');
	const input = new Input({ formats: [MP4, QTFF, WEBM, MATROSKA], source: new BlobSource(file) });
	try {
		const track = await input.getPrimaryVideoTrack();
		if (!track) return { webCodecs: false, durationSec: null };
		// Metadata first: computing the exact end may read through the whole file.
		const durationSec = (await input.getDurationFromMetadata()) ?? (await input.computeDuration());
		const config = await track.getDecoderConfig();
		const webCodecs =
			config !== null &&
			typeof VideoDecoder === 'function' &&
			(await VideoDecoder.isConfigSupported(config)).supported === true;
		return { webCodecs, durationSec: durationSec > 0 ? durationSec : null };
	} catch {
		return { webCodecs: false, durationSec: null };
	} finally {
		input.dispose();
	}
}
