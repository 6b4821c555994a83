// The one place for the status vocabularies stored in the database, their predicates and labels.

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

/** What a processing video is doing, in words. */
export const STAGE_LABELS: Readonly<Record<ProcessingStage, string>> = {
	queued: 'starting',
	probing: 'reading the file',
	sampling: 'finding faces',
	extracting: 'saving full-size frames',
	saving: 'saving'
};

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

/** A batch that will take no more work. */
export function isBatchClosed(state: BatchState): boolean {
	return state === 'done' || state === 'cancelled';
}
