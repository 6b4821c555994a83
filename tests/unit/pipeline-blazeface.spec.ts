import { describe, expect, it } from 'vitest';
import {
	anchorCentres,
	BLAZEFACE,
	decodeFaces,
	inputTaps,
	letterbox,
	modelInput,
	toImageFace,
	weightedSuppression,
	type RawFace
} from '$lib/pipeline/blazeface';

const logit = (p: number) => Math.log(p / (1 - p));

function rawFace(score: number, xmin: number, ymin: number, size: number): RawFace {
	return {
		xmin,
		ymin,
		xmax: xmin + size,
		ymax: ymin + size,
		score,
		keypoints: Float32Array.from({ length: 12 }, (_, i) => (i % 2 ? ymin : xmin) + size / 2)
	};
}

describe('anchorCentres', () => {
	it('has MediaPipe’s 2304 full-range anchors on a 48×48 grid, row by row', () => {
		const a = anchorCentres(BLAZEFACE.full);
		expect(a.length / 2).toBe(2304);
		const at = (i: number) => [a[2 * i], a[2 * i + 1]];
		expect(at(0)).toEqual([Math.fround(0.5 / 48), Math.fround(0.5 / 48)]);
		expect(at(1)).toEqual([Math.fround(1.5 / 48), Math.fround(0.5 / 48)]);
		// Anchor 48 starts the second row.
		expect(at(48)).toEqual([Math.fround(0.5 / 48), Math.fround(1.5 / 48)]);
	});

	it('has the 896 short-range anchors: 16×16 × 2, then the three stride-16 layers as one 8×8 × 6', () => {
		const a = anchorCentres(BLAZEFACE.short);
		expect(a.length / 2).toBe(896);
		// Two anchors per cell on the first grid share their centre.
		expect([a[2], a[3]]).toEqual([a[0], a[1]]);
		expect([a[4], a[5]]).toEqual([1.5 / 16, 0.5 / 16]);
		// The second grid starts at anchor 512 with six anchors per cell.
		expect([a[1024], a[1025]]).toEqual([0.5 / 8, 0.5 / 8]);
		expect([a[1034], a[1035]]).toEqual([0.5 / 8, 0.5 / 8]);
		expect([a[1036], a[1037]]).toEqual([1.5 / 8, 0.5 / 8]);
	});
});

describe('decodeFaces', () => {
	it('offsets box and keypoints from their anchor in input pixels and keeps scores above the bar', () => {
		const spec = BLAZEFACE.full;
		const anchors = anchorCentres(spec);
		const regressors = new Float32Array(2304 * 16);
		const scores = new Float32Array(2304).fill(-10);
		const i = 48 * 10 + 20; // anchor at column 20, row 10
		scores[i] = logit(0.9);
		regressors.set([9.6, -19.2, 38.4, 19.2, 0, 0, 1.92, 1.92], i * 16);
		const faces = decodeFaces(spec, anchors, regressors, scores, 0.5);
		expect(faces).toHaveLength(1);
		const [f] = faces;
		const cx = 20.5 / 48 + 0.05;
		const cy = 10.5 / 48 - 0.1;
		expect(f.score).toBeCloseTo(0.9, 5);
		expect(f.xmin).toBeCloseTo(cx - 0.1, 5);
		expect(f.xmax).toBeCloseTo(cx + 0.1, 5);
		expect(f.ymin).toBeCloseTo(cy - 0.05, 5);
		expect(f.ymax).toBeCloseTo(cy + 0.05, 5);
		expect(f.keypoints[0]).toBeCloseTo(20.5 / 48, 5);
		expect(f.keypoints[2]).toBeCloseTo(20.5 / 48 + 0.01, 5);
		expect(decodeFaces(spec, anchors, regressors, scores, 0.95)).toHaveLength(0);
	});
});

describe('weightedSuppression', () => {
	it('blends overlapping faces by score, keeps the best score, and leaves a separate face alone', () => {
		const kept = weightedSuppression([
			rawFace(0.6, 0.12, 0.1, 0.2),
			rawFace(0.9, 0.1, 0.1, 0.2),
			rawFace(0.7, 0.6, 0.6, 0.2)
		]);
		expect(kept.map((f) => f.score)).toEqual([0.9, 0.7]);
		expect(kept[0].xmin).toBeCloseTo((0.1 * 0.9 + 0.12 * 0.6) / 1.5, 6);
		expect(kept[0].keypoints[0]).toBeCloseTo((0.2 * 0.9 + 0.22 * 0.6) / 1.5, 6);
		expect(kept[1].xmin).toBeCloseTo(0.6, 6);
	});

	it('keeps faces that overlap by IoU 0.3 or less apart', () => {
		// Two 0.2 squares shifted by 0.1: IoU = 0.02 / 0.06 = 1/3 > 0.3 → one face; by 0.12 → 0.25.
		expect(weightedSuppression([rawFace(0.9, 0, 0, 0.2), rawFace(0.8, 0.1, 0, 0.2)])).toHaveLength(
			1
		);
		expect(weightedSuppression([rawFace(0.9, 0, 0, 0.2), rawFace(0.8, 0.12, 0, 0.2)])).toHaveLength(
			2
		);
	});
});

describe('letterbox and toImageFace', () => {
	it('centres a wide picture in the square and maps faces back to its pixels', () => {
		expect(letterbox(640, 360)).toEqual({ padX: 0, padY: (1 - 360 / 640) / 2 });
		const padY = (1 - 360 / 640) / 2;
		const face = rawFace(0.8, 0.25, padY + 0.1, 0.125);
		const f = toImageFace(face, 640, 360);
		expect(f.x).toBeCloseTo(160, 4);
		expect(f.y).toBeCloseTo(64, 4);
		expect(f.width).toBeCloseTo(80, 4);
		expect(f.height).toBeCloseTo(80, 4);
		expect(f.keypoints).toHaveLength(6);
		expect(f.keypoints[0].x).toBeCloseTo(200, 4);
	});
});

describe('modelInput', () => {
	it('puts a picture of the input’s width in the middle rows, black (-1) above and below', () => {
		const data = new Uint8ClampedArray(8 * 4 * 4).fill(255);
		const { tensor, width, height } = modelInput({ width: 8, height: 4, data }, 8);
		expect([width, height]).toEqual([8, 4]);
		const row = (y: number) => Array.from(tensor.subarray(y * 24, y * 24 + 24));
		expect(row(1)).toEqual(new Array(24).fill(-1));
		expect(row(2)).toEqual(new Array(24).fill(1));
		expect(row(5)).toEqual(new Array(24).fill(1));
		expect(row(6)).toEqual(new Array(24).fill(-1));
	});

	it('reads input pixel i at picture position i × scale (whole numbers are texel centres)', () => {
		const { x } = inputTaps(4, 8, 8);
		expect(Array.from(x.i0)).toEqual([0, 2, 4, 6]);
		expect(Array.from(x.w0)).toEqual([1, 1, 1, 1]);
		const odd = inputTaps(3, 4, 4).x;
		expect(Array.from(odd.i0)).toEqual([0, 1, 2]);
		expect(odd.w1[1]).toBeCloseTo(1 / 3, 6);
	});
});
