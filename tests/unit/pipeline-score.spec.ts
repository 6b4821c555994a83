import { describe, expect, it } from 'vitest';
import { bestFace, scoredFace, scoreFrame, withSubject } from '$lib/pipeline/score';
import type { ScoredFrame } from '$lib/pipeline/types';
import type { FaceBox } from '$lib/pipeline/types';

const W = 640;
const H = 360;

/** A frontal face of the given size at (x, y); keypoints placed symmetrically. */
function face(x: number, y: number, size: number, score = 0.9): FaceBox {
	const k = (fx: number, fy: number) => ({ x: x + fx * size, y: y + fy * size });
	return {
		x,
		y,
		width: size,
		height: size,
		score,
		keypoints: [k(0.35, 0.4), k(0.65, 0.4), k(0.5, 0.55), k(0.5, 0.72), k(0.1, 0.45), k(0.9, 0.45)]
	};
}

const frame = (faces: FaceBox[], sharpness = 0.7) =>
	scoreFrame({ faces, frameWidth: W, frameHeight: H, sharpness });

describe('scoreFrame', () => {
	it('is 0 without faces or with an empty frame', () => {
		expect(frame([])).toBe(0);
		expect(
			scoreFrame({ faces: [face(0, 0, 50)], frameWidth: 0, frameHeight: H, sharpness: 1 })
		).toBe(0);
	});

	it('stays within 0..1', () => {
		const s = scoreFrame({
			faces: [face(0, 0, 2000, 1)],
			frameWidth: W,
			frameHeight: H,
			sharpness: 5
		});
		expect(s).toBeGreaterThan(0.9);
		expect(s).toBeLessThanOrEqual(1);
	});

	it('a sharper face scores higher', () => {
		expect(frame([face(100, 100, 80)], 0.8)).toBeGreaterThan(frame([face(100, 100, 80)], 0.2));
	});

	it('a bigger face scores higher, with diminishing returns', () => {
		const tiny = frame([face(100, 100, 6)]);
		const medium = frame([face(100, 100, 60)]);
		const big = frame([face(100, 100, 180)]);
		const huge = frame([face(0, 0, 340)]);
		expect(tiny).toBeGreaterThan(0);
		expect(tiny).toBeLessThan(0.05);
		expect(medium).toBeGreaterThan(5 * tiny);
		expect(big).toBeGreaterThan(medium);
		expect(huge).toBeGreaterThan(big);
		expect(huge / big).toBeLessThan(1.2);
	});

	it('higher confidence scores higher', () => {
		expect(frame([face(100, 100, 80, 0.95)])).toBeGreaterThan(frame([face(100, 100, 80, 0.6)]));
	});

	it('a frontal face beats a turned one', () => {
		const turned = face(100, 100, 80);
		turned.keypoints[2] = { x: 100 + 0.62 * 80, y: 100 + 0.55 * 80 };
		expect(frame([face(100, 100, 80)])).toBeGreaterThan(frame([turned]));
	});

	it('scores the best face of several', () => {
		const main = face(200, 50, 150);
		expect(frame([face(10, 10, 20), main])).toBe(frame([main]));
	});
});

describe('bestFace', () => {
	it('picks the largest confidence × size', () => {
		const small = face(10, 10, 30, 0.99);
		const large = face(200, 50, 150, 0.7);
		const largeUnsure = face(300, 50, 150, 0.55);
		expect(bestFace([small, large, largeUnsure], W, H)).toBe(large);
		expect(bestFace([], W, H)).toBeUndefined();
	});
});

describe("a subject face (a reference run's person)", () => {
	const host = { ...face(200, 50, 150), sharpness: 0.9 };
	const guest = { ...face(20, 20, 60), sharpness: 0.2 };
	const faces = [host, guest];
	const scored: ScoredFrame = {
		frameIndex: 0,
		timeSec: 0,
		faces,
		sharpness: 0.9,
		score: frame(faces, 0.9),
		hash: '0'.repeat(16)
	};

	it('is the face scored instead of the best one', () => {
		expect(scoredFace(scored, W, H)).toBe(host);
		expect(scoredFace({ ...scored, subject: 1 }, W, H)).toBe(guest);
	});

	it("scores the frame on that face, with that face's own sharpness", () => {
		const onGuest = withSubject(scored, 1, W, H);
		expect(onGuest.subject).toBe(1);
		expect(onGuest.sharpness).toBe(0.2);
		// What the guest alone would score: smaller and blurrier than the host.
		expect(onGuest.score).toBeCloseTo(frame([guest], 0.2), 10);
		expect(onGuest.score).toBeLessThan(scored.score);
		expect(onGuest.faces).toBe(faces);
	});

	it("a face without its own sharpness (stored before) takes the frame's", () => {
		const old = { ...scored, faces: [face(200, 50, 150), face(20, 20, 60)], sharpness: 0.5 };
		expect(withSubject(old, 1, W, H).score).toBeCloseTo(frame([face(20, 20, 60)], 0.5), 10);
	});
});
