import { Builder } from 'flatbuffers';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
	attachImageMetadata,
	readModelMetadata,
	writeTaskModels
} from '../../scripts/face-model-metadata.mjs';

const require = createRequire(import.meta.url);
const original = (file: string) =>
	new Uint8Array(readFileSync(require.resolve(`@mediapipe/face_detection/${file}`)));

/**
 * A minimal TFLite model (schema.fbs field ids): one subgraph with one [1,4,4,3] input and a
 * `min_runtime_version` metadata entry, as converters write it.
 */
function syntheticModel({ externalBuffer = false } = {}) {
	const b = new Builder(1024);
	const vector = (offsets: number[]) => {
		b.startVector(4, offsets.length, 4);
		for (let i = offsets.length - 1; i >= 0; i--) b.addOffset(offsets[i]);
		return b.endVector();
	};
	const ints = (values: number[]) => {
		b.startVector(4, values.length, 4);
		for (let i = values.length - 1; i >= 0; i--) b.addInt32(values[i]);
		return b.endVector();
	};
	const version = b.createByteVector(new TextEncoder().encode('1.5.0\0\0\0'));
	b.startObject(3);
	b.addFieldOffset(0, version, 0);
	if (externalBuffer) b.addFieldInt64(1, 4096n, 0n); // Buffer.offset: data outside the file
	const versionBuffer = b.endObject();
	b.startObject(3);
	const emptyBuffer = b.endObject();
	const buffers = vector([emptyBuffer, versionBuffer]);

	const entryName = b.createString('min_runtime_version');
	b.startObject(2);
	b.addFieldOffset(0, entryName, 0);
	b.addFieldInt32(1, 1, 0);
	const metadata = vector([b.endObject()]);

	const shape = ints([1, 4, 4, 3]);
	const tensorName = b.createString('image');
	b.startObject(4);
	b.addFieldOffset(0, shape, 0);
	b.addFieldOffset(3, tensorName, 0);
	const tensors = vector([b.endObject()]);
	const io = ints([0]);
	b.startObject(5);
	b.addFieldOffset(0, tensors, 0);
	b.addFieldOffset(1, io, 0);
	b.addFieldOffset(2, io, 0);
	const subgraphs = vector([b.endObject()]);

	const description = b.createString('synthetic');
	b.startObject(8);
	b.addFieldInt32(0, 3, 0);
	b.addFieldOffset(2, subgraphs, 0);
	b.addFieldOffset(3, description, 0);
	b.addFieldOffset(4, buffers, 0);
	b.addFieldOffset(6, metadata, 0);
	b.finish(b.endObject(), 'TFL3');
	return b.asUint8Array().slice();
}

/** Checks that every buffer of `before` has the same bytes and 16-byte phase in `after`. */
function expectBuffersIntact(before: Uint8Array, after: Uint8Array) {
	const oldBuffers = readModelMetadata(before).buffers;
	const newBuffers = readModelMetadata(after).buffers;
	expect(newBuffers.length).toBe(oldBuffers.length + 1);
	oldBuffers.forEach((buf, i) => {
		const moved = newBuffers[i];
		expect(moved.size).toBe(buf.size);
		if (buf.size === 0) return;
		expect(moved.offset % 16).toBe(buf.offset % 16);
		expect(
			Buffer.from(after.subarray(moved.offset, moved.offset + moved.size)).equals(
				Buffer.from(before.subarray(buf.offset, buf.offset + buf.size))
			)
		).toBe(true);
	});
	expect(newBuffers[oldBuffers.length].offset % 16).toBe(0); // Buffer.data force_align: 16
}

describe('face model metadata', () => {
	const outDir = mkdtempSync(join(tmpdir(), 'face-models-'));
	afterAll(() => rmSync(outDir, { recursive: true, force: true }));

	const cases = [
		{ file: 'face_detection_short_range.tflite', size: 128, anchors: 896 },
		{ file: 'face_detection_full_range.tflite', size: 192, anchors: 2304 }
	];

	it('the shipped models have no metadata (which is why this step exists)', () => {
		for (const { file } of cases) {
			const info = readModelMetadata(original(file));
			expect(info.entries).toEqual([]);
			expect(info.tfliteMetadata).toBeNull();
		}
	});

	it('writeTaskModels writes both models with image metadata', () => {
		const written = writeTaskModels(join(outDir, 'nested'));
		expect(written.map((p) => p.slice(p.lastIndexOf('/') + 1))).toEqual(cases.map((c) => c.file));

		for (const [i, { file, size, anchors }] of cases.entries()) {
			const bytes = new Uint8Array(readFileSync(written[i]));
			const before = original(file);
			const info = readModelMetadata(bytes);

			expect(new TextDecoder().decode(bytes.subarray(4, 8))).toBe('TFL3');
			expect(info.entries.map((e) => e.name)).toEqual(['TFLITE_METADATA']);
			expect(info.entries[0].buffer).toBe(info.buffers.length - 1);

			const meta = info.tfliteMetadata;
			expect(meta?.fileIdentifier).toBe('M001');
			expect(meta?.minParserVersion).toBe('1.0.0');
			expect(meta?.inputs).toHaveLength(1);
			expect(meta?.inputs[0]).toMatchObject({
				name: 'input',
				colorSpace: 'RGB',
				mean: [127.5],
				std: [127.5],
				statsMin: [-1],
				statsMax: [1]
			});

			// The graph, read through the new root table, is the original one.
			const [graph] = info.subgraphs;
			expect(info.subgraphs).toHaveLength(1);
			expect(graph.inputs).toEqual([{ name: 'input', shape: [1, size, size, 3], type: 0 }]);
			expect(graph.outputs.map((t) => t.shape)).toEqual([
				[1, anchors, 16],
				[1, anchors, 1]
			]);
			const { subgraphs, version } = readModelMetadata(before);
			expect(info.subgraphs).toEqual(subgraphs);
			expect(info.version).toBe(version);
			expectBuffersIntact(before, bytes);
		}
	});

	it('keeps existing metadata entries and replaces an earlier TFLITE_METADATA', () => {
		const model = syntheticModel();
		expect(readModelMetadata(model).entries).toEqual([
			{ name: 'min_runtime_version', buffer: 1, text: '1.5.0' }
		]);

		const once = attachImageMetadata(model, { name: 'first' });
		const twice = attachImageMetadata(once, { name: 'second', mean: 0, std: 255 });
		expectBuffersIntact(model, once);

		const info = readModelMetadata(twice);
		expect(info.entries.map(({ name, text }) => ({ name, text }))).toEqual([
			{ name: 'min_runtime_version', text: '1.5.0' },
			{ name: 'TFLITE_METADATA', text: null }
		]);
		expect(info.tfliteMetadata).toMatchObject({
			name: 'second',
			inputs: [{ name: 'image', colorSpace: 'RGB', mean: [0], std: [255], statsMax: [1] }]
		});
		expect(info.subgraphs[0].inputs[0].shape).toEqual([1, 4, 4, 3]);
	});

	it('refuses what it cannot rewrite', () => {
		expect(() =>
			attachImageMetadata(syntheticModel({ externalBuffer: true }), { name: 'x' })
		).toThrow(/outside the flatbuffer/);
		expect(() => attachImageMetadata(new Uint8Array(16), { name: 'x' })).toThrow(/TFL3/);
	});
});
