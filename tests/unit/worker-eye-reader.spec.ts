import { describe, expect, it } from 'vitest';
import type { FaceBox, GrayImage } from '$lib/pipeline/types';
import { EyeReader } from '../../src/workers/eye-reader';

const gray: GrayImage = { width: 320, height: 180, data: new Uint8ClampedArray(320 * 180) };
const face = (x: number, width: number): FaceBox => ({
	x,
	y: 20,
	width,
	height: width,
	score: 0.9,
	keypoints: []
});

describe('EyeReader', () => {
	it('reads the faces big enough to measure, drops those the model finds no face in', async () => {
		const sent: number[] = [];
		const reader = new EyeReader(
			async (crops) => {
				sent.push(crops.length);
				return {
					readings: [
						{ ear: 0.3, presence: 0.99 },
						{ ear: 0.25, presence: 0.0001 }
					],
					seconds: 0.05,
					crops
				};
			},
			() => expect.fail('no failure')
		);
		const faces = [face(0, 100), face(150, 20), face(200, 80)];
		// Source pixels at 2 per picture pixel: the 20 px face is 10 px, too small to read.
		const out = await reader.check(gray, faces, 2);
		expect(sent).toEqual([2]);
		expect(out).toEqual([{ ...faces[0], eyeAspect: 0.3 }, faces[1]]);
		expect(reader.timings).toEqual({ eyes: 0.05, eyeFaces: 2 });
	});

	it('when the model fails, goes on without eyes and says so once', async () => {
		const reasons: string[] = [];
		let calls = 0;
		const reader = new EyeReader(
			async () => {
				calls++;
				throw new Error('model did not load');
			},
			(reason) => reasons.push(reason)
		);
		const faces = [face(0, 100)];
		const both = await Promise.all([reader.check(gray, faces, 1), reader.check(gray, faces, 1)]);
		expect(both).toEqual([faces, faces]);
		expect(await reader.check(gray, faces, 1)).toEqual(faces);
		expect(calls).toBe(2);
		expect(reasons).toEqual(['Eyes were not measured: model did not load']);
	});
});
