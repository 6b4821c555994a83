/// <reference lib="webworker" />
// Extractor worker entry: loads ffmpeg core once (lazily, memoized), starts its face-detector
// worker (which loads the models the same way) and runs one video at a time for the pool.
// Thin: the work is in extract-video.ts.
import * as Comlink from 'comlink';
import type { AssetUrls, ExtractorApi } from '$lib/workers/extractor-protocol';
import { extractOneFrame } from './extract-one-frame';
import { extractVideo } from './extract-video';
import type { ExtractorEnv } from './extraction-run';
import { DetectorClient } from './detector-client';
import { FFmpegRunner } from './ffmpeg-runner';
import { restrictFetchToOwnOrigin } from './same-origin-fetch';

restrictFetchToOwnOrigin();

/** Instances leak over many runs: start a fresh ffmpeg after this many execs. */
const RECYCLE_AFTER_EXECS = 200;

let ffmpeg: Promise<FFmpegRunner> | null = null;
const detector = new DetectorClient();

function envFor(assets: AssetUrls): ExtractorEnv {
	return {
		ffmpeg: () => {
			ffmpeg ??= FFmpegRunner.load(assets.ffmpegCore, assets.ffmpegWasm);
			ffmpeg.catch(() => (ffmpeg = null));
			return ffmpeg;
		},
		detector
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

	extractFrame(req) {
		return extractOneFrame(envFor(req.assets), req);
	},

	detectImage({ image, model, confidence, assets }) {
		return detector.detectBlob(assets, model, image, confidence);
	}
};

Comlink.expose(api);
