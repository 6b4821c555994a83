// URLs of the run-time assets that scripts/prepare-assets.mjs puts in static/vendor/.
import { base } from '$app/paths';
import type { AssetUrls } from './extractor-protocol';
// Imported by URL from the app (not started from inside the extractor by `new URL`), so that the
// extractor's own workers are part of the app's build and the service worker precaches them for
// offline.
import faceDetectorWorker from '../../workers/face-detector.worker.ts?worker&url';
import webCodecsSamplerWorker from '../../workers/webcodecs-sampler.worker.ts?worker&url';
import ffmpegHelperWorker from '../../workers/ffmpeg-helper.worker.ts?worker&url';

export function assetUrls(): AssetUrls {
	const vendor = new URL(`${base}/vendor/`, location.href).href;
	return {
		ffmpegCore: `${vendor}ffmpeg/ffmpeg-core.js`,
		ffmpegWasm: `${vendor}ffmpeg/ffmpeg-core.wasm`,
		liteRtBase: `${vendor}litert`,
		faceDetectorWorker: new URL(faceDetectorWorker, location.href).href,
		webCodecsSamplerWorker: new URL(webCodecsSamplerWorker, location.href).href,
		ffmpegHelperWorker: new URL(ffmpegHelperWorker, location.href).href,
		models: {
			full: `${vendor}models/face_detection_full_range.tflite`,
			short: `${vendor}models/face_detection_short_range.tflite`
		},
		faceLandmarks: `${vendor}models/face_landmark.tflite`,
		people: {
			wasmBase: `${vendor}tfjs`,
			manifest: `${vendor}models/face_recognition_model-weights_manifest.json`
		}
	};
}
