// faces_timeline.mp4's truth: keyframes only inside its face intervals, and every interval kept.
import { expect } from '@playwright/test';
import { fixtureJson } from './app-driver';

interface Timeline {
	segments: { start: number; end: number; faces: boolean }[];
}

/** Precision and coverage 1.0 of keyframe `times` against faces_timeline.json. */
export function expectTimelineKept(times: number[]) {
	const { segments } = fixtureJson<Timeline>('faces_timeline.json');
	const faceSegments = segments.filter((s) => s.faces);
	for (const t of times) {
		expect(
			faceSegments.some((s) => t >= s.start && t <= s.end),
			`keyframe at ${t}s is in a face interval`
		).toBe(true);
	}
	for (const s of faceSegments) {
		expect(
			times.some((t) => t >= s.start && t <= s.end),
			`interval ${s.start}-${s.end}s has a keyframe`
		).toBe(true);
	}
}
