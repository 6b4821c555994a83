import { describe, expect, it } from 'vitest';
import { DetectGate } from '$lib/pipeline/detect-gate';
import { SamplingLedger, type SamplingState } from '$lib/pipeline/sampling-ledger';

const gate = { lastTime: 0, lastGrid: null, skipped: 0 };
const after = (frameIndex: number, detected = 0): SamplingState => ({
	after: { frameIndex, timeSec: frameIndex / 25 },
	gate,
	counts: { sampled: frameIndex / 5 + 1, detected }
});
const candidate = (frameIndex: number) => ({ frameIndex });

describe('SamplingLedger', () => {
	it('has nothing to give before a sample is accounted for', () => {
		const ledger = new SamplingLedger();
		expect(ledger.take()).toBeNull();
		ledger.handled(after(0, 1), true);
		expect(ledger.take()).toBeNull();
	});

	it('holds the checkpoint before a sample still at the detector', () => {
		const ledger = new SamplingLedger<{ frameIndex: number }>();
		ledger.handled(after(0), false);
		ledger.handled(after(5, 1), true);
		ledger.handled(after(10, 1), false);
		expect(ledger.take()).toEqual({ state: after(0), candidates: [] });
		ledger.settled(5, candidate(5));
		expect(ledger.take()).toEqual({ state: after(10, 1), candidates: [candidate(5)] });
		// Given out once: the next checkpoint carries only what is new.
		expect(ledger.take()).toEqual({ state: after(10, 1), candidates: [] });
	});

	it('keeps candidates past the checkpoint until the samples before them settle', () => {
		const ledger = new SamplingLedger<{ frameIndex: number }>();
		ledger.handled(after(0, 1), true);
		ledger.handled(after(5, 2), true);
		ledger.handled(after(10, 3), true);
		ledger.settled(5, candidate(5)); // back before frame 0
		ledger.settled(10, null);
		expect(ledger.take()).toBeNull();
		ledger.settled(0, candidate(0));
		expect(ledger.take()).toEqual({
			state: after(10, 3),
			candidates: [candidate(5), candidate(0)]
		});
	});

	it('a resumed pass continues from its starting state', () => {
		const ledger = new SamplingLedger(after(50, 4));
		expect(ledger.take()).toEqual({ state: after(50, 4), candidates: [] });
		ledger.handled(after(55, 5), true);
		expect(ledger.take()?.state).toEqual(after(50, 4));
	});
});

describe('DetectGate state', () => {
	it('a gate restored from another one decides as that one would have', () => {
		const grid = (v: number) => new Float32Array(16).fill(v);
		const frames = [100, 100, 130, 131, 131, 131, 90].map((v, i) => [i * 0.1, v] as const);
		const whole = new DetectGate();
		const expected = frames.map(([t, v]) => whole.shouldDetect(t, grid(v)));
		const first = new DetectGate();
		const decided = frames.slice(0, 3).map(([t, v]) => first.shouldDetect(t, grid(v)));
		const resumed = new DetectGate(undefined, structuredClone(first.state));
		decided.push(...frames.slice(3).map(([t, v]) => resumed.shouldDetect(t, grid(v))));
		expect(decided).toEqual(expected);
		expect(expected).toContain(false);
	});
});
