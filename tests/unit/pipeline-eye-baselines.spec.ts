import { describe, expect, it } from 'vitest';
import { withOpenEyes } from '$lib/pipeline/eye-baselines';
import { scoredAmong, scoreFrame, withOpenEyeScores } from '$lib/pipeline/score';
import type { FaceBox, ScoredFrame } from '$lib/pipeline/types';

const face = (x: number, eyeAspect?: number, size = 200): FaceBox => ({
	x,
	y: 100,
	width: size,
	height: size,
	score: 0.9,
	keypoints: [],
	...(eyeAspect === undefined ? {} : { eyeAspect })
});
const frame = (timeSec: number, faces: FaceBox[], shot = 0): ScoredFrame => ({
	frameIndex: Math.round(timeSec * 25),
	timeSec,
	faces,
	sharpness: 0.8,
	score: 0,
	hash: '0'.repeat(16),
	shot
});
const opens = (frames: ScoredFrame[]) => frames.map((f) => f.faces.map((x) => x.openEyeAspect));

describe('withOpenEyes', () => {
	it('gives each face the usual ratio of the face it is, followed through its shot', () => {
		// A cartoon (wide eyes, on the left) blinks once beside a person (narrow eyes, right).
		const ratios = [
			[0.34, 0.2],
			[0.35, 0.21],
			[0.16, 0.19],
			[0.33, 0.2],
			[0.36, 0.22]
		];
		const frames = ratios.map(([a, b], i) => frame(i * 0.2, [face(100 + i * 5, a), face(700, b)]));
		const out = withOpenEyes(frames);
		for (const faces of opens(out)) {
			expect(faces[0]).toBeCloseTo(0.35, 10);
			expect(faces[1]).toBeCloseTo(0.21, 10);
		}
		// The input stays as it was.
		expect(frames[0].faces[0].openEyeAspect).toBeUndefined();
		// A baseline the frames came with is computed anew, or goes with too few measures.
		const stale = (f: FaceBox) => ({ ...f, openEyeAspect: 0.9 });
		const again = withOpenEyes(out.map((f) => ({ ...f, faces: f.faces.map(stale) })));
		expect(opens(again)).toEqual(opens(out));
		expect(opens(withOpenEyes([frame(0, [stale(face(0, 0.3))])]))).toEqual([[undefined]]);
	});

	it('follows a face in any order of candidates, and the faces in a frame in any order', () => {
		const frames = [0.3, 0.31, 0.32, 0.33].map((r, i) =>
			frame(1 - i * 0.25, i % 2 ? [face(0, r), face(600, 0.2)] : [face(600, 0.2), face(0, r)])
		);
		const out = withOpenEyes(frames);
		for (const f of out)
			for (const x of f.faces) expect(x.openEyeAspect).toBe(x.x === 0 ? 0.32 : 0.2);
	});

	it('knows no baseline across shots, after a long absence, or from too few measures', () => {
		const frames = [
			frame(0, [face(0, 0.3)], 0),
			frame(0.2, [face(0, 0.3)], 0),
			frame(0.4, [face(0, 0.3)], 1),
			frame(0.6, [face(0, 0.3)], 1),
			frame(0.8, [face(0, undefined)], 1),
			// The same place, 3 s later: another face.
			frame(3.8, [face(0, 0.3)], 1)
		];
		expect(opens(withOpenEyes(frames))).toEqual([
			[undefined],
			[undefined],
			[undefined],
			[undefined],
			[undefined],
			[undefined]
		]);
		// A face that moved far between two candidates is another one.
		const moving = [0, 1, 2, 3].map((i) => frame(i * 0.2, [face(i * 400, 0.3)]));
		expect(opens(withOpenEyes(moving)).flat()).toEqual([
			undefined,
			undefined,
			undefined,
			undefined
		]);
	});
});

describe('withOpenEyeScores', () => {
	it('scores a blink against the face’s own open eyes, as selection sees it', () => {
		const frames = [0.34, 0.35, 0.163, 0.33].map((r, i) => frame(i * 0.2, [face(100, r)]));
		const scored = withOpenEyeScores(frames, 1280, 720);
		const [open, , blink] = scored.map((f) => f.score);
		expect(open).toBeGreaterThan(0);
		// Eyes closed cut the score by their whole weight (70%).
		expect(blink / open).toBeCloseTo(0.3, 5);
		expect(scored[2].faces[0].openEyeAspect).toBeCloseTo(0.34, 10);
	});
});

describe('scoredAmong', () => {
	it('judges a frame picked by hand against the face’s open eyes in the run’s candidates', () => {
		const candidates = [0.34, 0.35, 0.33].map((r, i) => frame(i * 0.4, [face(100, r)], 3));
		const faces = [face(102, 0.163)];
		const alone = {
			...frame(0.5, faces),
			score: scoreFrame({ faces, frameWidth: 1280, frameHeight: 720, sharpness: 0.8 })
		};
		delete alone.shot;
		const picked = scoredAmong(alone, candidates, 1280, 720);
		expect(picked.faces[0].openEyeAspect).toBeGreaterThan(0.3);
		expect(picked.score / alone.score).toBeCloseTo(0.3, 5);
		// Without candidates (none stored), as measured.
		expect(scoredAmong(alone, [], 1280, 720)).toBe(alone);
	});
});
