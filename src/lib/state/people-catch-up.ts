// Keyframes stored outside a run (added by hand, a tuned selection's, a kept re-run's) get their
// faces into People in the background, by the same path as older videos (batch/embed-faces.ts).
// People never fails the edit: a model that cannot run only leaves them out.
import { scheduler } from '$lib/batch/scheduler-instance';

export function catchUpPeople(videoId: string): void {
	scheduler()
		.embedFaces(videoId)
		.catch((error: unknown) =>
			console.warn('People: the new keyframes’ faces were left out', error)
		);
}
