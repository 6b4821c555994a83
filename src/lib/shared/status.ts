// The one place for the status vocabularies stored in the database and their predicates;
// their words are in $lib/i18n/labels.
import type { Notice } from '$lib/pipeline/notice';

export const VIDEO_STATUSES = [
	'pending',
	'processing',
	'completed',
	'failed',
	'cancelled'
] as const;
export type VideoStatus = (typeof VIDEO_STATUSES)[number];

export const BATCH_STATES = ['running', 'cancelled', 'done'] as const;
export type BatchState = (typeof BATCH_STATES)[number];

export const PROCESSING_STAGES = ['queued', 'probing', 'sampling', 'extracting', 'saving'] as const;
export type ProcessingStage = (typeof PROCESSING_STAGES)[number];

/** True once a video has left the queue for good (the scheduler will not pick it again). */
export function isFinished(status: VideoStatus): boolean {
	return status === 'completed' || status === 'failed' || status === 'cancelled';
}

/** Waiting for or held by a worker: it can still be cancelled. */
export function isActive(status: VideoStatus): boolean {
	return status === 'pending' || status === 'processing';
}

/** Ended without keyframes through a failure or a cancel: it can be retried. */
export function isUnsuccessful(status: VideoStatus): boolean {
	return status === 'failed' || status === 'cancelled';
}

/** Failures the same file meets again on every run: offering a retry for them is a dead end. */
const NEVER_DECODES: ReadonlySet<Notice['code']> = new Set<Notice['code']>([
	'file-incomplete',
	'no-video-track',
	'codec-unsupported',
	'damaged',
	'frame-too-large',
	'bad-duration',
	'original-missing'
]);

/** Unsuccessful, its original still stored, and not failed in a way another run would repeat. */
export function canRetry(video: {
	status: VideoStatus;
	error: Notice | null;
	hasOriginal: boolean;
}): boolean {
	return (
		isUnsuccessful(video.status) &&
		video.hasOriginal &&
		!(video.error && NEVER_DECODES.has(video.error.code))
	);
}

/** A batch that will take no more work. */
export function isBatchClosed(state: BatchState): boolean {
	return state === 'done' || state === 'cancelled';
}
