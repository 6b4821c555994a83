// URLs of the run-time assets that scripts/prepare-assets.mjs puts in static/vendor/.
import { base } from '$app/paths';
import type { AssetUrls } from './extractor-protocol';

export function assetUrls(): AssetUrls {
	const vendor = new URL(`${base}/vendor/`, location.href).href;
	return {
		ffmpegCore: `${vendor}ffmpeg/ffmpeg-core.js`,
		ffmpegWasm: `${vendor}ffmpeg/ffmpeg-core.wasm`,
		visionWasmBase: `${vendor}mediapipe`,
		models: {
			full: `${vendor}models/face_detection_full_range.tflite`,
			short: `${vendor}models/face_detection_short_range.tflite`
		}
	};
}
