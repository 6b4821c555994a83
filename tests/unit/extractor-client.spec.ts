// The typed door to the worker pool: it adds the asset URLs, proxies progress and passes the signal.
import * as Comlink from 'comlink';
import { expect, it } from 'vitest';
import { ExtractorClient } from '$lib/workers/extractor-client';
import type {
	AssetUrls,
	ExtractorApi,
	ExtractProgress,
	SamplingCheckpoint
} from '$lib/workers/extractor-protocol';
import type { PoolJob, WorkerPool } from '$lib/workers/worker-pool';
import { defaultExtraction } from '../support/records';

const assets: AssetUrls = {
	ffmpegCore: '/core.js',
	ffmpegWasm: '/core.wasm',
	liteRtBase: '/litert/',
	faceDetectorWorker: '/detector.js',
	webCodecsSamplerWorker: '/sampler.js',
	ffmpegHelperWorker: '/ffmpeg-helper.js',
	faceLandmarks: '/face_landmark.tflite',
	models: { full: '/full.tflite', short: '/short.tflite' },
	people: { wasmBase: '/tfjs', manifest: '/manifest.json' }
};

function fakePool() {
	const calls: { args: unknown[]; signal?: AbortSignal }[] = [];
	const api = {
		extract: (...args: unknown[]) => (calls.push({ args }), Promise.resolve({ ok: true })),
		detectImage: (...args: unknown[]) => (calls.push({ args }), Promise.resolve([]))
	};
	const pool = {
		run: (job: PoolJob<ExtractorApi, unknown>, signal?: AbortSignal) => {
			const result = job(api as unknown as Comlink.Remote<ExtractorApi>);
			calls[calls.length - 1].signal = signal;
			return result;
		},
		resize: (size: number) => calls.push({ args: ['resize', size] })
	} as unknown as WorkerPool<ExtractorApi>;
	return { pool, calls };
}

it('extract sends the job with the asset URLs, proxied progress and checkpoint callbacks and the signal', async () => {
	const { pool, calls } = fakePool();
	const client = new ExtractorClient(pool, () => assets);
	const signal = new AbortController().signal;
	const file = new Blob(['v']);
	const settings = defaultExtraction();
	const seen: number[] = [];
	const listeners = {
		progress: (p: ExtractProgress) => seen.push(p.progress),
		checkpoint: (c: SamplingCheckpoint) => seen.push(c.progress)
	};
	await client.extract(
		{ file, name: 'a.mp4', settings, resume: null, reference: null },
		listeners,
		signal
	);

	const [request, onProgress, onCheckpoint] = calls[0].args as [
		unknown,
		(p: { progress: number }) => void,
		(c: { progress: number }) => void
	];
	expect(request).toEqual({ file, name: 'a.mp4', settings, resume: null, reference: null, assets });
	for (const callback of [onProgress, onCheckpoint])
		expect((callback as unknown as Record<symbol, unknown>)[Comlink.proxyMarker]).toBe(true);
	onProgress({ progress: 0.5 });
	onCheckpoint({ progress: 0.25 });
	expect(seen).toEqual([0.5, 0.25]);
	expect(calls[0].signal).toBe(signal);
});

it('detectImage and resize go to the same pool', async () => {
	const { pool, calls } = fakePool();
	const client = new ExtractorClient(pool, () => assets);
	const image = new Blob(['i']);
	await client.detectImage(image, 'short', 0.4);
	client.resize(2);
	expect(calls.map((c) => c.args)).toEqual([
		[{ image, model: 'short', confidence: 0.4, assets }],
		['resize', 2]
	]);
});
