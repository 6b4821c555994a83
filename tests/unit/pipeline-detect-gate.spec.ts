import { describe, expect, it } from 'vitest';
import { DEFAULT_GATE, DetectGate, gateOptions } from '$lib/pipeline/detect-gate';

const flat = (v: number) => new Float32Array(16).fill(v);
const gate = (maxSkipped = 99) =>
	new DetectGate({ maxGapSec: 1, maxSkipped, changeThreshold: 3, cutThreshold: 16 });

describe('DetectGate', () => {
	it('detects the first frame, then skips an unchanged picture until the gap is due', () => {
		const g = gate();
		const seen = [0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2].map((t) => g.shouldDetect(t, flat(100)));
		expect(seen).toEqual([true, false, false, false, false, true, false]);
	});

	it('detects when the picture changed since the last detected frame (a cut, motion)', () => {
		const g = gate();
		expect(g.shouldDetect(0, flat(100))).toBe(true);
		expect(g.shouldDetect(0.2, flat(101))).toBe(false);
		expect(g.shouldDetect(0.4, flat(130))).toBe(true);
		expect(g.shouldDetect(0.6, flat(131))).toBe(false);
	});

	it('compares with the last detected frame, so a slow drift still triggers', () => {
		const g = gate();
		const seen = [100, 101, 102, 103, 104].map((v, i) => g.shouldDetect(i * 0.1, flat(v)));
		expect(seen).toEqual([true, false, false, true, false]);
	});

	it('skips at most maxSkipped samples in a row, so dense sampling keeps dense candidates', () => {
		const g = gate(2);
		const seen = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6].map((t) => g.shouldDetect(t, flat(100)));
		expect(seen).toEqual([true, false, false, true, false, false, true]);
	});

	it('detects again when time goes backwards (a decoder restarted by the fallback)', () => {
		const g = gate();
		g.shouldDetect(5, flat(100));
		expect(g.shouldDetect(2, flat(100))).toBe(true);
	});

	it('counts a shot change where consecutive samples differ by the cut threshold', () => {
		const g = gate();
		const shots = [100, 104, 108, 112, 140, 141, 60].map((v, i) => {
			g.shouldDetect(i * 0.2, flat(v));
			return g.shot;
		});
		// A slow drift (4 levels a sample) stays one shot; jumps of 28 and 81 levels are cuts.
		expect(shots).toEqual([0, 0, 0, 0, 1, 1, 2]);
	});

	it('a resumed gate goes on counting from its state', () => {
		const g = gate();
		g.shouldDetect(0, flat(100));
		g.shouldDetect(0.2, flat(200));
		const resumed = new DetectGate(
			{ maxGapSec: 1, maxSkipped: 99, changeThreshold: 3, cutThreshold: 16 },
			g.state
		);
		resumed.shouldDetect(0.4, flat(20));
		expect(resumed.shot).toBe(2);
	});
});

describe('gateOptions', () => {
	it('keeps the default threshold at every 5th frame of 25 fps and sparser', () => {
		expect(gateOptions(0.2)).toEqual(DEFAULT_GATE);
		expect(gateOptions(1)).toEqual(DEFAULT_GATE);
		// An unknown frame rate: the defaults.
		expect(gateOptions(0)).toEqual(DEFAULT_GATE);
	});

	it('lowers the threshold in proportion for denser samples, the rest as it was', () => {
		const everyFrame = gateOptions(1 / 25);
		expect(everyFrame.changeThreshold).toBeCloseTo(DEFAULT_GATE.changeThreshold / 5, 10);
		expect({ ...everyFrame, changeThreshold: 0 }).toEqual({ ...DEFAULT_GATE, changeThreshold: 0 });
	});

	it('so steady motion is looked at as often as it is sampled', () => {
		// The picture brightens by one level per frame; samples every frame against every 5th.
		const detections = (every: number) => {
			const g = new DetectGate({ ...gateOptions(every / 25), maxSkipped: 99, maxGapSec: 99 });
			let n = 0;
			for (let frame = 0; frame < 100; frame += every)
				if (g.shouldDetect(frame / 25, flat(frame))) n++;
			return n;
		};
		expect(detections(5)).toBe(20);
		expect(detections(1)).toBe(100);
	});
});
