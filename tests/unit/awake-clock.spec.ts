import { expect, it } from 'vitest';
import { AwakeClock } from '$lib/batch/awake-clock';

it('counts regular ticks in full and a long gap (sleep) only up to the cap', () => {
	const clock = new AwakeClock(0, 10_000);
	expect(clock.tick(5_000)).toBe(5_000);
	expect(clock.tick(10_000)).toBe(10_000);
	// The laptop sleeps for an hour: the wake-up tick adds at most 10 s.
	expect(clock.tick(10_000 + 3_600_000)).toBe(20_000);
	expect(clock.tick(3_615_000)).toBe(25_000);
});

it('a clock that steps back adds nothing', () => {
	const clock = new AwakeClock(1_000, 10_000);
	expect(clock.tick(500)).toBe(0);
	expect(clock.tick(2_500)).toBe(2_000);
});
