import { describe, expect, it, vi } from 'vitest';
import type { ExtractProgress } from '$lib/workers/extractor-protocol';
import { PROGRESS_INTERVAL_MS, ProgressReporter } from '../../src/workers/progress-reporter';
import { StageTimer } from '../../src/workers/stage-timer';

describe('ProgressReporter', () => {
	it('maps stage shares onto one bar and lets stage changes through the throttle', () => {
		const sent: ExtractProgress[] = [];
		const progress = new ProgressReporter((p) => sent.push(p));
		progress.report('probing', 0, 0, 0);
		progress.report('sampling', 0.5, 5, 10);
		progress.report('sampling', 0.6, 6, 10); // within the interval: dropped
		progress.report('extracting', 1, 3, 3);
		expect(sent.map((p) => [p.stage, Number(p.progress.toFixed(3))])).toEqual([
			['probing', 0],
			['sampling', 0.435],
			['extracting', 1]
		]);
	});

	it('sends again on the same stage after the interval, and clamps shares', () => {
		vi.useFakeTimers();
		try {
			const sent: ExtractProgress[] = [];
			const progress = new ProgressReporter((p) => sent.push(p));
			progress.report('sampling', 2, 1, 1);
			vi.advanceTimersByTime(PROGRESS_INTERVAL_MS + 50);
			progress.report('sampling', 0.1, 1, 1);
			expect(sent.map((p) => Number(p.progress.toFixed(3)))).toEqual([0.85, 0.103]);
		} finally {
			vi.useRealTimers();
		}
	});
});

describe('StageTimer', () => {
	it('charges laps to stages and adds parts from several sources', () => {
		const timer = new StageTimer();
		timer.lap('load');
		timer.addAll({ convert: 1, detect: 2 });
		timer.addAll({ convert: 0.5 });
		expect(timer.seconds.convert).toBe(1.5);
		expect(timer.seconds.detect).toBe(2);
		expect(timer.seconds.load).toBeGreaterThanOrEqual(0);
	});
});
