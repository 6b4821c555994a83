/// <reference lib="webworker" />
// MediaPipe's FaceDetector inside our worker: created once per model, lazily, and reused.
// IMAGE mode (VIDEO mode needs strictly increasing timestamps and does not recover) on the CPU
// delegate, which is the fast one without a GPU.
import { FaceDetector, FilesetResolver } from '@mediapipe/tasks-vision';
import type { FaceBox } from '$lib/pipeline/types';
import { SETTING_BOUNDS } from '$lib/settings/extraction-settings';

export class FaceDetectors {
	#wasmBase: string;
	#fileset: ReturnType<typeof FilesetResolver.forVisionTasks> | null = null;
	#detectors = new Map<string, Promise<FaceDetector>>();

	constructor(wasmBase: string) {
		this.#wasmBase = wasmBase;
	}

	/** The detector for a model URL, created on first use. */
	get(modelUrl: string): Promise<FaceDetector> {
		let detector = this.#detectors.get(modelUrl);
		if (!detector) {
			// `true`: the module wasm loader, the one that works in a module worker.
			this.#fileset ??= FilesetResolver.forVisionTasks(this.#wasmBase, true);
			const fileset = this.#fileset;
			detector = fileset.then(async (fs) => {
				// The module loader defines ModuleFactory once, on first evaluation, and every
				// createFromOptions clears it: restore it or the second model fails to load.
				const scope = self as unknown as { ModuleFactory?: unknown };
				scope.ModuleFactory ??= (
					(await import(/* @vite-ignore */ fs.wasmLoaderPath)) as { default: unknown }
				).default;
				return FaceDetector.createFromOptions(fs, {
					baseOptions: { modelAssetPath: modelUrl, delegate: 'CPU' },
					runningMode: 'IMAGE',
					// The lowest threshold a user may choose; each video filters at its own.
					minDetectionConfidence: SETTING_BOUNDS.confidence.min
				});
			});
			detector.catch(() => this.#detectors.delete(modelUrl));
			this.#detectors.set(modelUrl, detector);
		}
		return detector;
	}
}

/**
 * Detects faces in `image` and returns boxes and keypoints in source-pixel coordinates
 * (`scale` = source width / image width), keeping those at or above `minScore`.
 */
export function detectFaces(
	detector: FaceDetector,
	image: ImageData | ImageBitmap,
	scale: number,
	minScore: number
): FaceBox[] {
	const result = detector.detect(image);
	const faces: FaceBox[] = [];
	for (const d of result.detections) {
		const score = d.categories[0]?.score ?? 0;
		if (score < minScore || !d.boundingBox) continue;
		const b = d.boundingBox;
		faces.push({
			x: b.originX * scale,
			y: b.originY * scale,
			width: b.width * scale,
			height: b.height * scale,
			score,
			keypoints: d.keypoints.map((k) => ({
				x: k.x * image.width * scale,
				y: k.y * image.height * scale
			}))
		});
	}
	return faces;
}
