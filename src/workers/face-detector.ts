/// <reference lib="webworker" />
// BlazeFace on LiteRT.js (XNNPACK on wasm SIMD): no WebGL needed, so faces are found on machines
// and browsers without a GPU, and without tasks-vision's texture upload and read-back per frame.
// The runtime loads once per worker, each model on first use; the output is decoded the way
// MediaPipe's face detection graph decodes it ($lib/pipeline/blazeface).
import {
	loadAndCompile,
	loadLiteRt,
	supportsFeature,
	Tensor,
	type CompiledModel
} from '@litertjs/core';
import {
	anchorCentres,
	decodeFaces,
	toImageFace,
	weightedSuppression,
	type BlazeFaceSpec,
	type ModelInput
} from '$lib/pipeline/blazeface';
import type { FaceBox } from '$lib/pipeline/types';
import { SETTING_BOUNDS } from '$lib/settings/extraction-settings';
import { compileWasm, type InstantiateWasm } from './compile-wasm';

interface LoadedModel {
	model: CompiledModel;
	spec: BlazeFaceSpec;
	anchors: Float32Array;
}

type ModuleScope = { ModuleFactory?: unknown; Module?: unknown; importScripts: unknown };

/**
 * LiteRT's loader runs its classic glue script with importScripts, which a module worker lacks:
 * prepare-assets ships the same glue as an ES module, imported here and handed to the loader.
 * The relaxed-SIMD build where the browser has it, else the compatible one (as LiteRT chooses).
 * The 9 MB wasm downloads and compiles while the glue loads (the glue would fetch it only once
 * loaded: 0.2 s later, measured), and the glue instantiates that. A wasm that cannot be had
 * fails before LiteRT starts loading, so that a later call can try again.
 */
async function loadRuntime(base: string): Promise<void> {
	const name = (await supportsFeature('relaxedSimd'))
		? 'litert_wasm_internal'
		: 'litert_wasm_compat_internal';
	const [module, glue] = await Promise.all([
		compileWasm(`${base}/${name}.wasm`),
		import(/* @vite-ignore */ `${base}/${name}.mjs`) as Promise<{ default: unknown }>
	]);
	// Synchronous, as a worker may: a failure to link then fails the glue's own loading.
	const instantiateWasm: InstantiateWasm = (imports, receive) => {
		receive(new WebAssembly.Instance(module, imports), module);
		return {};
	};
	const scope = self as unknown as ModuleScope;
	const importScripts = scope.importScripts;
	scope.ModuleFactory = glue.default;
	scope.Module = {
		locateFile: (file: string) => `${base}/${file}`,
		instantiateWasm,
		// The runtime reports its set-up (accelerators, delegates) at INFO and WARNING on stderr.
		printErr: (line: string) => {
			if (!/^(INFO|WARNING):/.test(line)) console.error(line);
		}
	};
	scope.importScripts = () => undefined;
	try {
		await loadLiteRt(`${base}/${name}.mjs`);
	} finally {
		scope.importScripts = importScripts;
	}
}

export class FaceDetectors {
	#runtime: Promise<void> | null = null;
	#models = new Map<string, Promise<CompiledModel>>();
	#detectors = new Map<string, Promise<LoadedModel>>();
	/** Model files fetched ahead of their compiling (`prefetch`), until it takes them. */
	#files = new Map<string, Promise<Uint8Array>>();
	#base: string;

	/** `base`: the folder of LiteRT's wasm files. */
	constructor(base: string) {
		this.#base = base;
	}

	/** The BlazeFace model at `url`, loaded on first use. */
	get(url: string, spec: BlazeFaceSpec): Promise<LoadedModel> {
		let loaded = this.#detectors.get(url);
		if (!loaded) {
			loaded = this.compiled(url).then((model) => ({ model, spec, anchors: anchorCentres(spec) }));
			loaded.catch(() => this.#detectors.delete(url));
			this.#detectors.set(url, loaded);
		}
		return loaded;
	}

	/**
	 * Starts fetching the model files at `urls` while the runtime loads: fetching needs no
	 * runtime, and a fetch begun later waits behind the detections queued on this thread (the
	 * landmark model's took 0.5-0.6 s, not 0.1 s, measured).
	 */
	prefetch(urls: readonly string[]): void {
		// A failed fetch is reported by the compiling that needs it; a compiled model needs none.
		for (const url of urls) if (!this.#models.has(url)) void this.#file(url);
	}

	#file(url: string): Promise<Uint8Array> {
		let file = this.#files.get(url);
		if (!file) {
			file = fetch(url).then(async (response) => {
				if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
				return new Uint8Array(await response.arrayBuffer());
			});
			file.catch(() => this.#files.delete(url));
			this.#files.set(url, file);
		}
		return file;
	}

	/** The compiled model at `url` (on the runtime's wasm), loaded on first use. */
	compiled(url: string): Promise<CompiledModel> {
		let model = this.#models.get(url);
		if (!model) {
			this.#runtime ??= loadRuntime(this.#base);
			this.#runtime.catch(() => (this.#runtime = null));
			const runtime = this.#runtime;
			model = this.#file(url).then(async (file) => {
				await runtime;
				// Each model compiles once: its file need not be kept here.
				this.#files.delete(url);
				return loadAndCompile(file, { accelerator: 'wasm' });
			});
			model.catch(() => this.#models.delete(url));
			this.#models.set(url, model);
		}
		return model;
	}
}

/** The output tensor whose last dimension is `size` (the models name and order them differently). */
function output(tensors: Tensor[], size: number): Float32Array {
	const tensor = tensors.find((t) => t.type.layout.dimensions.at(-1) === size);
	if (!tensor) throw new Error(`BlazeFace gave no output of width ${size}`);
	return tensor.toTypedArray() as Float32Array;
}

/**
 * Faces in the picture `input` was made of, in source pixels (`scale` × picture pixels), at or
 * above `minScore`. Suppression runs over every face above the lowest threshold a user may
 * choose, so a face's box does not depend on the video's own threshold.
 */
export async function detectFaces(
	{ model, spec, anchors }: LoadedModel,
	input: ModelInput,
	scale: number,
	minScore: number
): Promise<FaceBox[]> {
	const size = spec.inputSize;
	const tensor = new Tensor(input.tensor, [1, size, size, 3]);
	let results: Tensor[] = [];
	try {
		results = await model.run(tensor);
		const raw = decodeFaces(
			spec,
			anchors,
			output(results, 16),
			output(results, 1),
			SETTING_BOUNDS.confidence.min
		);
		return weightedSuppression(raw)
			.filter((face) => face.score >= minScore)
			.map((face) => {
				const f = toImageFace(face, input.width, input.height);
				return {
					score: f.score,
					x: f.x * scale,
					y: f.y * scale,
					width: f.width * scale,
					height: f.height * scale,
					keypoints: f.keypoints.map((k) => ({ x: k.x * scale, y: k.y * scale }))
				};
			});
	} finally {
		tensor.delete();
		for (const r of results) r.delete();
	}
}
