// Attaches TFLite metadata (image input normalization) to the BlazeFace models of
// `@mediapipe/face_detection`, so that `@mediapipe/tasks-vision`'s FaceDetector accepts them
// (without it: "requires specifying NormalizationOptions metadata").
//
// Pure JavaScript, no network. Usage: node scripts/face-model-metadata.mjs <outDir>
//
// Schemas (field ids below are the declaration order; a union takes two ids: type, then value):
// - TFLite model: tensorflow/compiler/mlir/lite/schema/schema.fbs (file identifier "TFL3")
// - Metadata: tensorflow_lite_support/metadata/metadata_schema.fbs (file identifier "M001")
import { Builder, ByteBuffer } from 'flatbuffers';
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Name of the Model.metadata entry that MediaPipe and TFLite Support read. */
export const METADATA_NAME = 'TFLITE_METADATA';

// schema.fbs field ids.
const MODEL = {
	version: 0,
	operator_codes: 1,
	subgraphs: 2,
	description: 3,
	buffers: 4,
	metadata_buffer: 5,
	metadata: 6,
	signature_defs: 7
};
const MODEL_FIELD_COUNT = 8;
const SUBGRAPH = { tensors: 0, inputs: 1, outputs: 2, operators: 3, name: 4 };
const TENSOR = { shape: 0, type: 1, buffer: 2, name: 3 };
const OPERATOR = { large_custom_options_offset: 9 };
// Buffer.offset/size: data outside the flatbuffer at absolute file offsets (> 2 GB models).
const BUFFER = { data: 0, offset: 1, size: 2 };
const TFLITE_METADATA = { name: 0, buffer: 1 };

// metadata_schema.fbs field ids and enum values.
const MODEL_METADATA = { name: 0, description: 1, subgraph_metadata: 3, min_parser_version: 7 };
const SUBGRAPH_METADATA = { name: 0, input_tensor_metadata: 2 };
const TENSOR_METADATA = { name: 0, description: 1, content: 3, process_units: 4, stats: 5 };
const CONTENT = { content_properties_type: 0, content_properties: 1 };
const CONTENT_PROPERTIES_IMAGE = 2; // union ContentProperties { Feature, Image, BoundingBox }
const IMAGE_PROPERTIES = { color_space: 0 };
const COLOR_SPACES = ['UNKNOWN', 'RGB', 'GRAYSCALE'];
const PROCESS_UNIT = { options_type: 0, options: 1 };
const PROCESS_UNIT_NORMALIZATION = 1; // union ProcessUnitOptions { NormalizationOptions, ... }
const NORMALIZATION = { mean: 0, std: 1 };
const STATS = { max: 0, min: 1 };
// Only fields of metadata schema 1.0.0 are used (input_process_units etc. came with 1.1.0).
const MIN_PARSER_VERSION = '1.0.0';

// --- Reading flatbuffers without generated code ------------------------------------------

/** Absolute position of field `id` of the table at `table`, or 0 when the field is absent. */
function fieldPos(
	/** @type {ByteBuffer} */ bb,
	/** @type {number} */ table,
	/** @type {number} */ id
) {
	const rel = bb.__offset(table, 4 + 2 * id);
	return rel ? table + rel : 0;
}

/** Absolute position of the table/vector/string that offset field `id` points at, or 0. */
function refPos(
	/** @type {ByteBuffer} */ bb,
	/** @type {number} */ table,
	/** @type {number} */ id
) {
	const pos = fieldPos(bb, table, id);
	return pos ? bb.__indirect(pos) : 0;
}

/**
 * Vector field `id`: its element count and the position of its first element.
 * @param {ByteBuffer} bb @param {number} table @param {number} id
 */
function vectorField(bb, table, id) {
	const vec = refPos(bb, table, id);
	return vec ? { start: vec + 4, length: bb.readUint32(vec) } : { start: 0, length: 0 };
}

/**
 * Positions of the tables in the vector-of-tables field `id`.
 * @param {ByteBuffer} bb @param {number} table @param {number} id
 * @returns {number[]}
 */
function tables(bb, table, id) {
	const { start, length } = vectorField(bb, table, id);
	return Array.from({ length }, (_, i) => bb.__indirect(start + 4 * i));
}

/**
 * @param {ByteBuffer} bb @param {number} table @param {number} id
 * @returns {string | null}
 */
function stringField(bb, table, id) {
	const pos = fieldPos(bb, table, id);
	return pos ? /** @type {string} */ (bb.__string(pos)) : null;
}

/**
 * @param {ByteBuffer} bb @param {number} table @param {number} id @param {'int32' | 'float32'} type
 * @returns {number[]}
 */
function numbers(bb, table, id, type) {
	const { start, length } = vectorField(bb, table, id);
	return Array.from({ length }, (_, i) =>
		type === 'int32' ? bb.readInt32(start + 4 * i) : bb.readFloat32(start + 4 * i)
	);
}

/** @param {ByteBuffer} bb @param {number} table @param {number} id */
function uint8Field(bb, table, id, fallback = 0) {
	const pos = fieldPos(bb, table, id);
	return pos ? bb.readUint8(pos) : fallback;
}

/** @param {ByteBuffer} bb @param {number} table @param {number} id */
function uint32Field(bb, table, id, fallback = 0) {
	const pos = fieldPos(bb, table, id);
	return pos ? bb.readUint32(pos) : fallback;
}

/** @param {ByteBuffer} bb @param {number} table @param {number} id */
function uint64Field(bb, table, id) {
	const pos = fieldPos(bb, table, id);
	return pos ? bb.readUint64(pos) : 0n;
}

/** Number of field slots in the vtable of the table at `table`. */
function fieldCount(/** @type {ByteBuffer} */ bb, /** @type {number} */ table) {
	return (bb.readUint16(table - bb.readInt32(table)) - 4) / 2;
}

/** @param {Uint8Array | ArrayBuffer} bytes */
function openModel(bytes) {
	const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
	const bb = new ByteBuffer(u8);
	if (u8.length < 8 || !bb.__has_identifier('TFL3')) throw new Error('Not a TFLite model (TFL3)');
	return { u8, bb, root: bb.readUint32(0) };
}

// --- Writing --------------------------------------------------------------------------------

/**
 * Builds the ModelMetadata flatbuffer ("M001") for a model with one RGB image input.
 * @param {{ name: string, inputName: string, mean: number, std: number }} options
 */
function buildModelMetadata({ name, inputName, mean, std }) {
	const b = new Builder(1024);
	/** @param {number[]} values */
	const floats = (values) => {
		b.startVector(4, values.length, 4);
		for (let i = values.length - 1; i >= 0; i--) b.addFloat32(values[i]);
		return b.endVector();
	};
	/** @param {number[]} offsets */
	const offsets = (offsets) => {
		b.startVector(4, offsets.length, 4);
		for (let i = offsets.length - 1; i >= 0; i--) b.addOffset(offsets[i]);
		return b.endVector();
	};

	// Process unit: (pixel - mean) / std, one value for all channels.
	const meanVec = floats([mean]);
	const stdVec = floats([std]);
	b.startObject(2);
	b.addFieldOffset(NORMALIZATION.mean, meanVec, 0);
	b.addFieldOffset(NORMALIZATION.std, stdVec, 0);
	const normalization = b.endObject();
	b.startObject(2);
	b.addFieldInt8(PROCESS_UNIT.options_type, PROCESS_UNIT_NORMALIZATION, 0);
	b.addFieldOffset(PROCESS_UNIT.options, normalization, 0);
	const processUnits = offsets([b.endObject()]);

	// Stats: the range the normalized input takes ([-1, 1] for 127.5/127.5).
	const statsMax = floats([(255 - mean) / std]);
	const statsMin = floats([(0 - mean) / std]);
	b.startObject(2);
	b.addFieldOffset(STATS.max, statsMax, 0);
	b.addFieldOffset(STATS.min, statsMin, 0);
	const stats = b.endObject();

	// Content: ImageProperties { color_space: RGB }.
	b.startObject(1);
	b.addFieldInt8(IMAGE_PROPERTIES.color_space, COLOR_SPACES.indexOf('RGB'), 0);
	const imageProperties = b.endObject();
	b.startObject(3);
	b.addFieldInt8(CONTENT.content_properties_type, CONTENT_PROPERTIES_IMAGE, 0);
	b.addFieldOffset(CONTENT.content_properties, imageProperties, 0);
	const content = b.endObject();

	const tensorName = b.createString(inputName);
	const tensorDescription = b.createString('Input image, RGB, normalized to [-1, 1].');
	b.startObject(7);
	b.addFieldOffset(TENSOR_METADATA.name, tensorName, 0);
	b.addFieldOffset(TENSOR_METADATA.description, tensorDescription, 0);
	b.addFieldOffset(TENSOR_METADATA.content, content, 0);
	b.addFieldOffset(TENSOR_METADATA.process_units, processUnits, 0);
	b.addFieldOffset(TENSOR_METADATA.stats, stats, 0);
	const inputs = offsets([b.endObject()]);

	b.startObject(7);
	b.addFieldOffset(SUBGRAPH_METADATA.input_tensor_metadata, inputs, 0);
	const subgraphs = offsets([b.endObject()]);

	const modelName = b.createString(name);
	const description = b.createString('BlazeFace face detector (metadata attached at build time).');
	const minParserVersion = b.createString(MIN_PARSER_VERSION);
	b.startObject(8);
	b.addFieldOffset(MODEL_METADATA.name, modelName, 0);
	b.addFieldOffset(MODEL_METADATA.description, description, 0);
	b.addFieldOffset(MODEL_METADATA.subgraph_metadata, subgraphs, 0);
	b.addFieldOffset(MODEL_METADATA.min_parser_version, minParserVersion, 0);
	b.finish(b.endObject(), 'M001');
	return b.asUint8Array().slice();
}

/**
 * Returns a copy of a TFLite model with a TFLITE_METADATA entry describing its single image
 * input (RGB, normalized with `(x - mean) / std`). Existing metadata entries are kept; an
 * existing TFLITE_METADATA entry is replaced.
 *
 * How: flatbuffer offsets are relative and point forward, so the old file is kept byte for byte
 * at the end of the new one (at a multiple of 16, the alignment of buffer data), and a new root
 * Model table is built in front of it. The new root copies `version`, points its other fields at
 * the old vectors, and gets new `buffers` (old Buffer tables + the metadata Buffer) and
 * `metadata` vectors.
 *
 * @param {Uint8Array | ArrayBuffer} modelBytes
 * @param {{ name: string, mean?: number, std?: number }} options
 * @returns {Uint8Array}
 */
export function attachImageMetadata(modelBytes, { name, mean = 127.5, std = 127.5 }) {
	const { u8, bb, root } = openModel(modelBytes);

	for (let id = MODEL_FIELD_COUNT; id < fieldCount(bb, root); id++) {
		if (fieldPos(bb, root, id)) throw new Error(`Unknown Model field ${id}: cannot rewrite`);
	}
	// Data stored outside the flatbuffer at absolute file offsets would move: refuse.
	const oldBuffers = tables(bb, root, MODEL.buffers);
	const subgraphs = tables(bb, root, MODEL.subgraphs);
	const external =
		oldBuffers.some((buf) => uint64Field(bb, buf, BUFFER.offset) > 1n) ||
		subgraphs.some((sg) =>
			tables(bb, sg, SUBGRAPH.operators).some(
				(op) => uint64Field(bb, op, OPERATOR.large_custom_options_offset) > 1n
			)
		);
	if (external) throw new Error('Models with data outside the flatbuffer (> 2 GB) are unsupported');

	// The input this metadata describes: one NHWC tensor with 3 channels.
	const graph = subgraphs[0];
	const inputIds = graph === undefined ? [] : numbers(bb, graph, SUBGRAPH.inputs, 'int32');
	if (subgraphs.length !== 1 || inputIds.length !== 1) {
		throw new Error('Expected one subgraph with one input');
	}
	const inputTensor = tables(bb, graph, SUBGRAPH.tensors)[inputIds[0]];
	const shape = numbers(bb, inputTensor, TENSOR.shape, 'int32');
	if (shape.length !== 4 || shape[3] !== 3) {
		throw new Error(`Expected an NHWC RGB input, got shape [${shape}]`);
	}
	const inputName = stringField(bb, inputTensor, TENSOR.name) ?? 'input';

	const keptMetadata = tables(bb, root, MODEL.metadata).filter(
		(entry) => stringField(bb, entry, TFLITE_METADATA.name) !== METADATA_NAME
	);
	const metadataBytes = buildModelMetadata({ name, inputName, mean, std });

	const b = new Builder(u8.length + metadataBytes.length + 4096);
	// Builder writes back to front; `offset()` values count bytes from the end of the file.
	// 1. The old model (inside a byte vector whose length prefix nobody reads), aligned so that
	//    it starts at a multiple of 16 in the final file (finish() pads the total to 16 too).
	b.prep(16, u8.length);
	const oldStart = b.createByteVector(u8) - 4;
	/** Builder offset of the object at position `pos` of the old file. */
	const old = (/** @type {number} */ pos) => oldStart - pos;

	// 2. The metadata Buffer (Buffer.data has force_align: 16).
	b.prep(16, metadataBytes.length);
	const data = b.createByteVector(metadataBytes);
	b.startObject(3);
	b.addFieldOffset(BUFFER.data, data, 0);
	const metadataBuffer = b.endObject();

	// 3. Metadata { name: "TFLITE_METADATA", buffer: <index of the new Buffer> }.
	const entryName = b.createString(METADATA_NAME);
	b.startObject(2);
	b.addFieldOffset(TFLITE_METADATA.name, entryName, 0);
	b.addFieldInt32(TFLITE_METADATA.buffer, oldBuffers.length, 0);
	const entry = b.endObject();

	/** @param {number[]} items Builder offsets, in vector order. */
	const offsetVector = (items) => {
		b.startVector(4, items.length, 4);
		for (let i = items.length - 1; i >= 0; i--) b.addOffset(items[i]);
		return b.endVector();
	};
	const buffers = offsetVector([...oldBuffers.map(old), metadataBuffer]);
	const metadata = offsetVector([...keptMetadata.map(old), entry]);

	// 4. The new root Model table.
	b.startObject(MODEL_FIELD_COUNT);
	b.addFieldInt32(MODEL.version, uint32Field(bb, root, MODEL.version), 0);
	for (const id of [
		MODEL.operator_codes,
		MODEL.subgraphs,
		MODEL.description,
		MODEL.metadata_buffer,
		MODEL.signature_defs
	]) {
		const pos = refPos(bb, root, id);
		if (pos) b.addFieldOffset(id, old(pos), 0);
	}
	b.addFieldOffset(MODEL.buffers, buffers, 0);
	b.addFieldOffset(MODEL.metadata, metadata, 0);
	b.finish(b.endObject(), 'TFL3');
	return b.asUint8Array().slice();
}

// --- Reading back ---------------------------------------------------------------------------

/**
 * @typedef {{ name: string | null, shape: number[], type: number }} TensorInfo
 * @typedef {{
 *   name: string | null, colorSpace: string | null,
 *   mean: number[], std: number[], statsMin: number[], statsMax: number[]
 * }} InputMetadata
 * @typedef {{
 *   fileIdentifier: string, name: string | null, minParserVersion: string | null,
 *   inputs: InputMetadata[]
 * }} TfliteMetadata
 * @typedef {{
 *   version: number,
 *   buffers: { offset: number, size: number }[],
 *   subgraphs: { name: string | null, tensorCount: number, operatorCount: number,
 *     inputs: TensorInfo[], outputs: TensorInfo[] }[],
 *   entries: { name: string | null, buffer: number, text: string | null }[],
 *   tfliteMetadata: TfliteMetadata | null
 * }} ModelInfo
 */

/**
 * Parses a TFLite model: its subgraphs' inputs/outputs, its metadata entries and, when present,
 * the essentials of its TFLITE_METADATA flatbuffer.
 * @param {Uint8Array | ArrayBuffer} modelBytes
 * @returns {ModelInfo}
 */
export function readModelMetadata(modelBytes) {
	const { u8, bb, root } = openModel(modelBytes);
	// Where each buffer's data lies in the file (position 0 when it has none).
	const buffers = tables(bb, root, MODEL.buffers).map((buf) => {
		const { start, length } = vectorField(bb, buf, BUFFER.data);
		return { offset: start, size: length };
	});
	const bufferData = (/** @type {number} */ index) =>
		u8.subarray(buffers[index].offset, buffers[index].offset + buffers[index].size);

	const subgraphs = tables(bb, root, MODEL.subgraphs).map((sg) => {
		const tensors = tables(bb, sg, SUBGRAPH.tensors);
		/** @returns {TensorInfo} */
		const tensor = (/** @type {number} */ i) => ({
			name: stringField(bb, tensors[i], TENSOR.name),
			shape: numbers(bb, tensors[i], TENSOR.shape, 'int32'),
			type: uint8Field(bb, tensors[i], TENSOR.type)
		});
		return {
			name: stringField(bb, sg, SUBGRAPH.name),
			tensorCount: tensors.length,
			operatorCount: vectorField(bb, sg, SUBGRAPH.operators).length,
			inputs: numbers(bb, sg, SUBGRAPH.inputs, 'int32').map(tensor),
			outputs: numbers(bb, sg, SUBGRAPH.outputs, 'int32').map(tensor)
		};
	});

	/** @type {TfliteMetadata | null} */
	let tfliteMetadata = null;
	const entries = tables(bb, root, MODEL.metadata).map((entry) => {
		const name = stringField(bb, entry, TFLITE_METADATA.name);
		const buffer = uint32Field(bb, entry, TFLITE_METADATA.buffer);
		const data = bufferData(buffer);
		if (name === METADATA_NAME) tfliteMetadata = parseModelMetadata(data);
		// Other entries (e.g. min_runtime_version) hold a NUL-padded string.
		const text = name === METADATA_NAME ? null : new TextDecoder().decode(data).replace(/\0+$/, '');
		return { name, buffer, text };
	});

	return {
		version: uint32Field(bb, root, MODEL.version),
		buffers,
		subgraphs,
		entries,
		tfliteMetadata
	};
}

/**
 * @param {Uint8Array} bytes A ModelMetadata flatbuffer.
 * @returns {TfliteMetadata}
 */
function parseModelMetadata(bytes) {
	const bb = new ByteBuffer(bytes);
	const root = bb.readUint32(0);
	const inputs = tables(bb, root, MODEL_METADATA.subgraph_metadata).flatMap((sg) =>
		tables(bb, sg, SUBGRAPH_METADATA.input_tensor_metadata).map((tm) => {
			const content = refPos(bb, tm, TENSOR_METADATA.content);
			const isImage =
				content &&
				uint8Field(bb, content, CONTENT.content_properties_type) === CONTENT_PROPERTIES_IMAGE;
			const image = isImage ? refPos(bb, content, CONTENT.content_properties) : 0;
			const normalization = tables(bb, tm, TENSOR_METADATA.process_units)
				.filter(
					(pu) => uint8Field(bb, pu, PROCESS_UNIT.options_type) === PROCESS_UNIT_NORMALIZATION
				)
				.map((pu) => refPos(bb, pu, PROCESS_UNIT.options))[0];
			const stats = refPos(bb, tm, TENSOR_METADATA.stats);
			return {
				name: stringField(bb, tm, TENSOR_METADATA.name),
				colorSpace: image
					? (COLOR_SPACES[uint8Field(bb, image, IMAGE_PROPERTIES.color_space)] ?? null)
					: null,
				mean: normalization ? numbers(bb, normalization, NORMALIZATION.mean, 'float32') : [],
				std: normalization ? numbers(bb, normalization, NORMALIZATION.std, 'float32') : [],
				statsMin: stats ? numbers(bb, stats, STATS.min, 'float32') : [],
				statsMax: stats ? numbers(bb, stats, STATS.max, 'float32') : []
			};
		})
	);
	return {
		fileIdentifier: bytes.length >= 8 ? bb.getBufferIdentifier() : '',
		name: stringField(bb, root, MODEL_METADATA.name),
		minParserVersion: stringField(bb, root, MODEL_METADATA.min_parser_version),
		inputs
	};
}

// --- Task models ----------------------------------------------------------------------------

/** The BlazeFace models shipped in `@mediapipe/face_detection`, by output file name. */
export const TASK_MODELS = [
	{ file: 'face_detection_short_range.tflite', name: 'BlazeFace short range' },
	{ file: 'face_detection_full_range.tflite', name: 'BlazeFace full range' }
];

/**
 * Writes the task-ready BlazeFace models (with metadata) into `outDir`, creating it.
 * @param {string} outDir
 * @returns {string[]} The written file paths.
 */
export function writeTaskModels(outDir) {
	const require = createRequire(import.meta.url);
	mkdirSync(outDir, { recursive: true });
	return TASK_MODELS.map(({ file, name }) => {
		const source = readFileSync(require.resolve(`@mediapipe/face_detection/${file}`));
		const target = join(outDir, file);
		writeFileSync(target, attachImageMetadata(source, { name }));
		return target;
	});
}

/** True when this file is the script node was started with (not when imported). */
function isMain() {
	try {
		return import.meta.url === pathToFileURL(realpathSync(resolve(process.argv[1]))).href;
	} catch {
		return false;
	}
}

if (isMain()) {
	const outDir = process.argv[2];
	if (!outDir) {
		console.error('Usage: node scripts/face-model-metadata.mjs <outDir>');
		process.exit(1);
	}
	for (const path of writeTaskModels(outDir)) console.log(`wrote ${path}`);
}
