import { describe, expect, it } from 'vitest';
import { curate, tunedFaces, tunedScore, type SelectionBasis } from '$lib/pipeline/curate';
import { scoreFrame } from '$lib/pipeline/score';
import { selectKeyframes } from '$lib/pipeline/select';
import type { FaceBox, ScoredFrame } from '$lib/pipeline/types';
import { selectionBasis } from '../support/records';

const W = 1280;
const H = 720;
const face = (x: number, size: number, score = 0.9): FaceBox => ({
	x,
	y: 100,
	width: size,
	height: size,
	score,
	keypoints: [
		{ x: x + size * 0.3, y: 100 + size * 0.35 },
		{ x: x + size * 0.7, y: 100 + size * 0.35 },
		{ x: x + size * 0.5, y: 100 + size * 0.6 }
	]
});
const basis: SelectionBasis = {
	...selectionBasis(),
	frameWidth: W,
	frameHeight: H,
	maxHashDistance: 4
};
/** Frame i: its own hash nibble, a shot of its own, the given faces and sharpness. */
const frame = (i: number, faces: FaceBox[], sharpness = 0.8): ScoredFrame => ({
	frameIndex: i * 10,
	timeSec: i,
	faces,
	sharpness,
	score: scoreFrame({ faces, frameWidth: W, frameHeight: H, sharpness }),
	hash: '0'.repeat(i % 16) + 'f' + '0'.repeat(15 - (i % 16)),
	shot: i
});
const candidates = [
	frame(0, [face(0, 300)], 0.9),
	frame(1, [face(0, 60), face(400, 200)], 0.3),
	frame(2, [face(0, 100)], 0.95),
	frame(3, [face(0, 40)], 0.9),
	frame(4, [face(0, 250), face(600, 80)], 0.6)
];

describe('curate', () => {
	it('keeps the eyes measured with each candidate: of one shot, the open-eyed frame wins', () => {
		const blink = { ...frame(5, [{ ...face(0, 300), eyeAspect: 0.05 }], 0.95), shot: 9 };
		const open = { ...frame(6, [{ ...face(0, 300), eyeAspect: 0.3 }], 0.8), shot: 9 };
		expect(tunedScore(blink, basis, basis.tune)).toBeLessThan(tunedScore(open, basis, basis.tune));
		expect(curate([blink, open], basis, { ...basis.tune, onePerShot: true })).toEqual([
			open.frameIndex
		]);
	});

	it("with the run's own tune gives the run's selection", () => {
		const run = selectKeyframes(candidates, { maxFrames: 20, minGapSec: 0.5, maxHashDistance: 4 });
		expect(curate(candidates, basis, basis.tune)).toEqual(run.map((c) => c.frameIndex));
		for (const c of candidates) expect(tunedScore(c, basis, basis.tune)).toBeCloseTo(c.score, 12);
	});

	it('max frames keeps the best; back to the run count gives the same frames', () => {
		const three = curate(candidates, basis, { ...basis.tune, maxFrames: 3 });
		expect(three).toEqual([0, 20, 40]);
		expect(curate(candidates, basis, basis.tune)).toEqual([0, 10, 20, 30, 40]);
	});

	it('a minimum face size leaves frames whose every face is smaller', () => {
		// 10% of 720 px = 72 px: frame 3 (40 px) goes, frame 1 keeps its 200 px face.
		const chosen = curate(candidates, basis, { ...basis.tune, minFacePct: 10 });
		expect(chosen).toEqual([0, 10, 20, 40]);
		expect(tunedFaces(candidates[1].faces, basis, { ...basis.tune, minFacePct: 10 })).toHaveLength(
			1
		);
	});

	it('largest face only keeps one face per frame', () => {
		const tune = { ...basis.tune, largestFaceOnly: true };
		expect(tunedFaces(candidates[4].faces, basis, tune)).toEqual([candidates[4].faces[0]]);
	});

	it('the sharpness weight changes the ranking: 0 ignores blur, 1 lets it cut fully', () => {
		const blurredBig = frame(5, [face(0, 300)], 0.05);
		const sharpSmall = frame(6, [face(0, 150)], 1);
		const pair = [blurredBig, sharpSmall];
		const one = { ...basis.tune, maxFrames: 1 };
		expect(curate(pair, basis, { ...one, sharpnessWeight: 0 })).toEqual([50]);
		expect(curate(pair, basis, { ...one, sharpnessWeight: 1 })).toEqual([60]);
	});

	it('one pick per shot by default; unticked, a shot gives as many frames as differ', () => {
		const shot = [0, 1, 2].map((i) => ({ ...frame(i, [face(0, 200)]), shot: 9 }));
		expect(curate(shot, basis, basis.tune)).toEqual([0]);
		expect(curate(shot, basis, { ...basis.tune, onePerShot: false })).toEqual([0, 10, 20]);
	});
});

describe("a candidate with a subject (a reference run's person)", () => {
	const host = { ...face(0, 300), sharpness: 0.9 };
	const guest = { ...face(600, 120), sharpness: 0.6 };
	const withGuest: ScoredFrame = { ...frame(0, [host, guest]), subject: 1 };

	it('is scored on that face alone, with its own sharpness', () => {
		const tune = basis.tune;
		expect(tunedScore(withGuest, basis, tune)).toBeCloseTo(
			scoreFrame({ faces: [guest], frameWidth: W, frameHeight: H, sharpness: 0.6 }),
			10
		);
		// "Largest face only" does not swap the host in.
		expect(tunedScore(withGuest, basis, { ...tune, largestFaceOnly: true })).toBeCloseTo(
			tunedScore(withGuest, basis, tune),
			10
		);
	});

	it('counts for nothing when its face is under the minimum size', () => {
		const minFacePct = (200 / H) * 100;
		expect(tunedScore(withGuest, basis, { ...basis.tune, minFacePct })).toBe(0);
		expect(
			tunedScore({ ...withGuest, subject: undefined }, basis, { ...basis.tune, minFacePct })
		).toBeGreaterThan(0);
	});
});
