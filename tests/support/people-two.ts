// people_two.mp4's truth (people_two.json: obama and biden taking turns), for the People specs.
import { fixtureJson } from './app-driver';

export interface Segment {
	start: number;
	end: number;
	person: string;
}

export const PEOPLE_VIDEO = 'people_two.mp4';
export const SEGMENTS = fixtureJson<{ segments: Segment[] }>('people_two.json').segments;

/** Who is on screen at `time` (seconds); throws between segments. */
export function personAt(time: number): string {
	const segment = SEGMENTS.find((s) => time >= s.start && time < s.end);
	if (!segment) throw new Error(`No segment at ${time}s`);
	return segment.person;
}
