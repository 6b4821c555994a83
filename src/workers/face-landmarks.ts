/// <reference lib="webworker" />
// MediaPipe's face landmark model (face mesh) on LiteRT.js, on crops made by
// $lib/pipeline/eyes: each crop's eye aspect ratio and how sure the model is that it holds a face.
import { Tensor, type CompiledModel } from '@litertjs/core';
import { eyeAspectRatio, LANDMARK_INPUT, type EyeReading } from '$lib/pipeline/eyes';

/** 468 landmarks × (x, y, z). */
const LANDMARK_VALUES = 1404;

function output(tensors: Tensor[], size: number): Float32Array {
	const tensor = tensors.find((t) => t.type.layout.dimensions.at(-1) === size);
	if (!tensor) throw new Error(`The face landmark model gave no output of width ${size}`);
	return tensor.toTypedArray() as Float32Array;
}

/** The crop's eyes; presence is the model's face flag through a sigmoid, as MediaPipe reads it. */
export async function readEyes(model: CompiledModel, crop: Float32Array): Promise<EyeReading> {
	const tensor = new Tensor(crop, [1, LANDMARK_INPUT, LANDMARK_INPUT, 3]);
	let results: Tensor[] = [];
	try {
		results = await model.run(tensor);
		const flag = output(results, 1)[0];
		return {
			ear: eyeAspectRatio(output(results, LANDMARK_VALUES)),
			presence: 1 / (1 + Math.exp(-flag))
		};
	} finally {
		tensor.delete();
		for (const r of results) r.delete();
	}
}
