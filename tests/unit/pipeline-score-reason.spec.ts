import { describe, expect, it } from 'vitest';
import { explainScore } from '$lib/pipeline/score-reason';
import { scoreFrame } from '$lib/pipeline/score';
import type { FaceBox } from '$lib/pipeline/types';

const face = (size: number, score = 0.95): FaceBox => ({
	x: 100,
	y: 100,
	width: size,
	height: size,
	score,
	keypoints: [
		{ x: 100 + size * 0.3, y: 100 + size * 0.35 },
		{ x: 100 + size * 0.7, y: 100 + size * 0.35 },
		{ x: 100 + size * 0.5, y: 100 + size * 0.6 }
	]
});
const frame = (faces: FaceBox[], sharpness: number) => ({
	faces,
	width: 1280,
	height: 720,
	sharpness
});

describe('explainScore', () => {
	it('the factors multiply to the score the frame was chosen with', () => {
		const f = frame([face(300), face(50)], 0.7);
		const explained = explainScore(f)!;
		expect(explained.factors.map((x) => x.name)).toEqual([
			'confidence',
			'size',
			'sharpness',
			'frontalness',
			'eyes'
		]);
		const product = explained.factors.reduce((p, x) => p * x.contribution, 1);
		expect(product).toBeCloseTo(scoreFrame({ ...f, frameWidth: 1280, frameHeight: 720 }), 12);
		expect(explained.score).toBeCloseTo(product, 12);
		for (const x of explained.factors) expect(x.value ?? 0).toBeGreaterThanOrEqual(0);
	});

	it('eyes not measured: no value, the score left as it is', () => {
		const eyes = explainScore(frame([face(300)], 0.9))!.factors.find((x) => x.name === 'eyes')!;
		expect(eyes).toEqual({ name: 'eyes', value: null, contribution: 1 });
	});

	it('closed eyes cost score and are said; open eyes cost nothing', () => {
		const open = explainScore(frame([{ ...face(300), eyeAspect: 0.3 }], 0.9))!;
		const closed = explainScore(frame([{ ...face(300), eyeAspect: 0.05 }], 0.9))!;
		const half = explainScore(frame([{ ...face(300), eyeAspect: 0.12 }], 0.9))!;
		expect(open.score).toBeCloseTo(explainScore(frame([face(300)], 0.9))!.score, 12);
		expect(closed.score).toBeLessThan(open.score * 0.5);
		expect(open.reason).not.toContain('eyes-closed');
		expect(closed.reason).toContain('eyes-closed');
		expect(half.reason).toContain('eyes-half-closed');
		expect(closed.factors.find((x) => x.name === 'eyes')!.value).toBe(0);
	});

	it('says it in a few words: a sharp frontal close-up, a small blurred face', () => {
		expect(explainScore(frame([face(300)], 0.9))!.reason).toEqual(['sharp', 'frontal', 'close-up']);
		expect(explainScore(frame([face(40, 0.5)], 0.4))!.reason).toEqual([
			'small-face',
			'slightly-blurred',
			'frontal',
			'uncertain'
		]);
	});

	it('a lower sharpness weight lets blur cost less', () => {
		const blurred = frame([face(300)], 0.1);
		expect(explainScore(blurred, 0.2)!.score).toBeGreaterThan(explainScore(blurred)!.score);
	});

	it('is null without a face', () => {
		expect(explainScore(frame([], 1))).toBeNull();
	});
});
