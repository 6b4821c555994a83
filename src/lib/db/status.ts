// The one place for the status vocabularies stored in the database.

export const VIDEO_STATUSES = [
	'pending',
	'processing',
	'completed',
	'failed',
	'cancelled'
] as const;
export type VideoStatus = (typeof VIDEO_STATUSES)[number];

export const BATCH_STATES = ['running', 'paused', 'cancelled', 'done'] as const;
export type BatchState = (typeof BATCH_STATES)[number];

export const PROCESSING_STAGES = [
	'queued',
	'probing',
	'sampling',
	'detecting',
	'extracting',
	'saving'
] as const;
export type ProcessingStage = (typeof PROCESSING_STAGES)[number];

/** True once a video has left the queue for good (the scheduler will not pick it again). */
export function isFinished(status: VideoStatus): boolean {
	return status === 'completed' || status === 'failed' || status === 'cancelled';
}
