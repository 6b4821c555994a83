// The words for the stored vocabularies (statuses, stages, batch states), in the reader's language.
import { m } from '$lib/paraglide/messages';
import type { BatchState, ProcessingStage, VideoStatus } from '$lib/shared/status';

const STATUS: Record<VideoStatus, () => string> = {
	pending: m.status_pending,
	processing: m.status_processing,
	completed: m.status_completed,
	failed: m.status_failed,
	cancelled: m.status_cancelled
};

const STAGE: Record<ProcessingStage, () => string> = {
	queued: m.stage_queued,
	probing: m.stage_probing,
	sampling: m.stage_sampling,
	extracting: m.stage_extracting,
	saving: m.stage_saving
};

const BATCH_STATE: Record<BatchState, () => string> = {
	running: m.batch_state_running,
	cancelled: m.batch_state_cancelled,
	done: m.batch_state_done
};

export const statusLabel = (status: VideoStatus): string => STATUS[status]();

/** What a processing video is doing, in words. */
export const stageLabel = (stage: ProcessingStage): string => STAGE[stage]();

export const batchStateLabel = (state: BatchState): string => BATCH_STATE[state]();
