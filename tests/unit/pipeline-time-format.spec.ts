import { describe, expect, it } from 'vitest';
import { formatDuration, formatTimestamp, formatTimestampForFile } from '$lib/pipeline/time-format';

describe('formatTimestamp', () => {
	it('formats hh:mm:ss.mmm', () => {
		expect(formatTimestamp(0)).toBe('00:00:00.000');
		expect(formatTimestamp(3725.5)).toBe('01:02:05.500');
		expect(formatTimestamp(1.234)).toBe('00:00:01.234');
		expect(formatTimestamp(0.1 + 0.2)).toBe('00:00:00.300');
		expect(formatTimestamp(100 * 3600)).toBe('100:00:00.000');
	});

	it('rounds into the next second instead of writing .1000', () => {
		expect(formatTimestamp(59.9996)).toBe('00:01:00.000');
		expect(formatTimestamp(3599.9999)).toBe('01:00:00.000');
		expect(formatTimestamp(1.0004)).toBe('00:00:01.000');
	});

	it('treats negative and invalid input as 0', () => {
		for (const bad of [-1, Number.NaN, Infinity, -Infinity])
			expect(formatTimestamp(bad)).toBe('00:00:00.000');
	});

	it('has a file-name form without colons', () => {
		expect(formatTimestampForFile(3725.5)).toBe('01-02-05.500');
	});
});

describe('formatDuration', () => {
	it('uses a short clock form', () => {
		expect(formatDuration(7)).toBe('0:07');
		expect(formatDuration(65.4)).toBe('1:05');
		expect(formatDuration(59.6)).toBe('1:00');
		expect(formatDuration(3725)).toBe('1:02:05');
		expect(formatDuration(Number.NaN)).toBe('0:00');
	});
});
