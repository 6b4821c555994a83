/// <reference lib="webworker" />
// Extractor worker entry: loads ffmpeg core once (lazily, memoized), starts its face-detector
// worker (which loads the models the same way) and its WebCodecs sampling thread, and runs one
// video at a time for the pool.
// Thin: the work is in extract-video.ts.
import * as Comlink from 'comlink';
import { errorText } from '$lib/pipeline/failure-message';
import type { AssetUrls, ExtractorApi, FaceEmbedding } from '$lib/workers/extractor-protocol';
import { extractAgain } from './extract-again';
import { extractOneFrame } from './extract-one-frame';
import { extractVideo } from './extract-video';
import type { ExtractorEnv } from './extraction-run';
import { DetectorClient } from './detector-client';
import { SamplingThread } from './decoders/sampling-thread';
import { FaceEmbedder } from './face-embedder';
import { FfmpegHelper } from './decoders/ffmpeg-helper';
import { FFmpegRunner, RECYCLE_AFTER_EXECS, type CoreSource } from './ffmpeg-runner';
import { restrictFetchToOwnOrigin } from './same-origin-fetch';

restrictFetchToOwnOrigin();

/** The core compiled once; instances (this worker's, its helper's) are made from it. */
let core: Promise<CoreSource> | null = null;
let ffmpeg: Promise<FFmpegRunner> | null = null;
const detector = new DetectorClient();
let sampler: SamplingThread | null = null;
let ffmpegHelper: FfmpegHelper | null = null;
let embedder: Promise<FaceEmbedder> | null = null;

function embedderFor(assets: AssetUrls): Promise<FaceEmbedder> {
	embedder ??= FaceEmbedder.load(assets.people);
	embedder.catch(() => (embedder = null));
	return embedder;
}

function samplerFor(assets: AssetUrls): SamplingThread {
	sampler ??= new SamplingThread(
		() => new Worker(assets.webCodecsSamplerWorker, { type: 'module', name: 'webcodecs-sampler' })
	);
	return sampler;
}

function helperFor(assets: AssetUrls): FfmpegHelper {
	ffmpegHelper ??= new FfmpegHelper(
		() => new Worker(assets.ffmpegHelperWorker, { type: 'module', name: 'ffmpeg-helper' })
	);
	return ffmpegHelper;
}

function ffmpegFor(assets: AssetUrls): Promise<FFmpegRunner> {
	const compiled = (core ??= FFmpegRunner.compile(assets.ffmpegCore, assets.ffmpegWasm));
	compiled.catch(() => (core = null));
	const loaded = (ffmpeg ??= compiled.then((source) => FFmpegRunner.load(source)));
	loaded.catch(() => (ffmpeg = null));
	return loaded;
}

function envFor(assets: AssetUrls): ExtractorEnv {
	return {
		ffmpeg: () => ffmpegFor(assets),
		ffmpegHelper: helperFor(assets),
		detector,
		sampler: samplerFor(assets),
		embedder: () => embedderFor(assets)
	};
}

const api: ExtractorApi = {
	async extract(req, onProgress, onCheckpoint) {
		const outcome = await extractVideo(envFor(req.assets), req, onProgress, onCheckpoint);
		// After a failure the instance can be broken ("memory access out of bounds" next time).
		const runner = ffmpeg ? await ffmpeg.catch(() => null) : null;
		if (!outcome.ok || (runner && runner.jobs > RECYCLE_AFTER_EXECS)) ffmpeg = null;
		return outcome;
	},

	extractFrames(req) {
		return extractAgain(envFor(req.assets), req);
	},

	extractFrame(req) {
		return extractOneFrame(envFor(req.assets), req);
	},

	warm({ model, assets, ffmpeg: loadFfmpeg }) {
		samplerFor(assets).warm();
		// Its failure is the video's to report, when it asks for the core again.
		if (loadFfmpeg)
			ffmpegFor(assets).then(
				(runner) => helperFor(assets).load(runner.source),
				() => {}
			);
		return detector.warm(assets, model);
	},

	detectImage({ image, model, confidence, assets }) {
		return detector.detectBlob(assets, model, image, confidence);
	},

	async embedImage({ image, model, confidence, assets }) {
		let bitmap: ImageBitmap;
		try {
			bitmap = await createImageBitmap(image);
		} catch (error) {
			return { ok: false, reason: 'not-image', details: errorText(error) };
		}
		try {
			const faces = await detector.detectBlob(assets, model, image, confidence);
			const embeddings = await (await embedderFor(assets)).embed(bitmap, faces);
			return { ok: true, faces, embeddings };
		} catch (error) {
			return { ok: false, reason: 'unavailable', details: errorText(error) };
		} finally {
			bitmap.close();
		}
	},

	async embedKeyframes({ keyframes, assets }) {
		const started = performance.now();
		const embedder = await embedderFor(assets);
		const loaded = performance.now();
		const out: FaceEmbedding[] = [];
		// One picture decoded at a time: a video's keyframes at full size do not all fit at once.
		for (const { frameIndex, image, faces } of keyframes) {
			const bitmap = await createImageBitmap(image);
			try {
				const embeddings = await embedder.embed(bitmap, faces);
				embeddings.forEach((embedding, faceIndex) =>
					out.push({ frameIndex, faceIndex, embedding })
				);
			} finally {
				bitmap.close();
			}
		}
		return {
			embeddings: out,
			loadSec: (loaded - started) / 1000,
			embedSec: (performance.now() - loaded) / 1000
		};
	},

	async peopleUnavailable(assets) {
		try {
			await embedderFor(assets);
			return null;
		} catch (error) {
			return errorText(error);
		}
	}
};

Comlink.expose(api);
