// Keyframes stored outside a run (added by hand, a tuned selection's, a kept re-run's) get their
// faces into People in the background, by the same path as a completed video's.
import { leftOutOfPeople } from '$lib/batch/embed-faces';
import { scheduler } from '$lib/batch/scheduler-instance';

export function catchUpPeople(videoId: string): void {
	scheduler().embedFaces(videoId).catch(leftOutOfPeople);
}
