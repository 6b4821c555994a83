// What this device means for a batch, decided before it starts: plain facts in (probed by
// device-probe.ts), notices out, so the person reads "slower" or "impossible" up front instead
// of finding a failed video afterwards. WebGL is not a requirement: faces are detected with
// LiteRT.js on wasm, so a machine without a GPU loses nothing.

export interface DeviceFacts {
	webAssembly: boolean;
	/** LiteRT has a non-SIMD build: without SIMD detection runs, slower. */
	wasmSimd: boolean;
	workers: boolean;
	indexedDb: boolean;
	webCodecs: boolean;
	/** Bytes this site may still store; null when the browser does not say. */
	freeBytes: number | null;
	/** Whether the browser keeps the library under pressure; null when unknown. */
	persisted: boolean | null;
}

export interface FileFacts {
	name: string;
	size: number;
	/** Whether WebCodecs decodes it (else ffmpeg.wasm does, 2–3× slower); null until probed. */
	webCodecs: boolean | null;
}

export type CapabilityNotice =
	| { code: 'no-wasm' | 'no-workers' | 'no-indexeddb'; impact: 'impossible' }
	| { code: 'no-room'; impact: 'impossible'; needs: number; free: number }
	| { code: 'no-webcodecs' | 'no-simd'; impact: 'slower' }
	| { code: 'codec-fallback'; impact: 'slower'; files: string[] }
	| { code: 'low-room'; impact: 'warning'; needs: number; free: number }
	| { code: 'not-persisted'; impact: 'warning' };

/** Below this share of the free space left after the videos, keyframes may not fit. */
const ROOM_MARGIN = 0.8;

export function capabilityNotices(device: DeviceFacts, files: FileFacts[]): CapabilityNotice[] {
	const notices: CapabilityNotice[] = [];
	if (!device.webAssembly) notices.push({ code: 'no-wasm', impact: 'impossible' });
	if (!device.workers) notices.push({ code: 'no-workers', impact: 'impossible' });
	if (!device.indexedDb) notices.push({ code: 'no-indexeddb', impact: 'impossible' });
	const needs = files.reduce((sum, f) => sum + f.size, 0);
	if (device.freeBytes !== null && needs > 0) {
		const free = Math.max(0, device.freeBytes);
		if (needs > free) notices.push({ code: 'no-room', impact: 'impossible', needs, free });
		else if (needs > free * ROOM_MARGIN)
			notices.push({ code: 'low-room', impact: 'warning', needs, free });
	}
	if (!device.webCodecs) {
		notices.push({ code: 'no-webcodecs', impact: 'slower' });
	} else {
		const fallback = files.filter((f) => f.webCodecs === false).map((f) => f.name);
		if (fallback.length)
			notices.push({ code: 'codec-fallback', impact: 'slower', files: fallback });
	}
	if (device.webAssembly && !device.wasmSimd) notices.push({ code: 'no-simd', impact: 'slower' });
	// Only worth saying once there is something to lose.
	if (device.persisted === false && files.length)
		notices.push({ code: 'not-persisted', impact: 'warning' });
	return notices;
}

/** Whether a batch can start at all with these notices. */
export function canProcess(notices: readonly CapabilityNotice[]): boolean {
	return notices.every((n) => n.impact !== 'impossible');
}
