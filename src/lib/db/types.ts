// Record types of the Dexie tables (see "Storage model" in ARCHITECTURE.md).
import type { SelectionBasis, Tune } from '$lib/pipeline/curate';
import type { Notice } from '$lib/pipeline/notice';
import type { SamplingState } from '$lib/pipeline/sampling-ledger';
import type { ScoredFrame } from '$lib/pipeline/types';
import type { ExtractionSettings } from '$lib/settings/extraction-settings';
import type { DecoderName } from '$lib/shared/decoders';
import type { BatchState, ProcessingStage, VideoStatus } from '$lib/shared/status';

export type { ExtractionSettings };

/**
 * `deletedAt` value of a video that is not in the trash. IndexedDB does not index `null`, so a
 * nullable `deletedAt` would drop live videos out of every `[deletedAt+…]` index; 0 keeps them
 * in, and "not in trash" becomes the indexed range `[0, …]`.
 */
export const NOT_DELETED = 0;

export interface VideoRecord {
	id: string;
	name: string;
	size: number;
	type: string;
	/** null until probed; such rows are absent from the `[deletedAt+durationSec]` indexes. */
	durationSec: number | null;
	fps: number | null;
	width: number | null;
	height: number | null;
	codec: string | null;
	rotation: number | null;
	status: VideoStatus;
	/** 0..1 */
	progress: number;
	/** Frames handled in the current stage and how many it has, while processing. */
	framesDone: number;
	framesTotal: number;
	stage: ProcessingStage | null;
	/** Why it failed, for people (worded in their language when shown). */
	error: Notice | null;
	/** ffmpeg log tail, for the details view. */
	errorDetails: string | null;
	/** A note on a finished video, e.g. that no faces were found. */
	message: Notice | null;
	tags: string[];
	batchId: string;
	batchPosition: number;
	/** The settings this video was (or will be) processed with. */
	settings: ExtractionSettings;
	keyframeCount: number;
	thumbnail: Blob | null;
	/** False once the original file was removed from `videoBlobs` to save space. */
	hasOriginal: boolean;
	/**
	 * The file's size and a hash of its first and last MiB (batch/content-key.ts), to notice the
	 * same file added again; null for rows stored before it was kept, until start-up fills it in.
	 */
	contentKey: string | null;
	/** The decoder that read the frames in the last run. */
	decoder: DecoderName | null;
	/** Why that decoder is not WebCodecs, or why WebCodecs was given up part-way. */
	decoderNote: string | null;
	/** Seconds per processing stage of the last run (load, probe, sample+detect, extract…). */
	timings: Record<string, number> | null;
	createdAt: number;
	updatedAt: number;
	startedAt: number | null;
	finishedAt: number | null;
	/**
	 * Runs started since it was queued or retried by hand. A run that a closed or crashed tab
	 * left behind counts too, so a video that keeps crashing the tab is not resumed forever.
	 */
	attempts: number;
	/** Epoch ms when moved to the trash; NOT_DELETED (0) otherwise. */
	deletedAt: number;
	/**
	 * What the last run's selection was made from (its `candidates` are kept), so the review can
	 * tune it again; absent for runs from before candidates were kept.
	 */
	selection?: SelectionBasis;
	/** The selection's settings as the user tuned them on the review page; null: the run's. */
	retune?: Tune | null;
	/**
	 * Derived from `name` for the name search (`*nameGrams`, see name-grams.ts); filled by the
	 * table's hooks on every write, never set by hand.
	 */
	nameGrams?: string[];
	/** Derived for the tag filter (`*tagKeys`, see label-keys.ts); kept by the same hooks. */
	tagKeys?: (string | number)[][];
	/**
	 * The persons (People) with a face in this video, kept by people.ts with its faces; absent
	 * for a video without faces. Trashed videos keep theirs (restoring brings them back).
	 */
	personIds?: string[];
	/** Derived from `personIds` for the person filter (`*personKeys`); kept by the hooks. */
	personKeys?: (string | number)[][];
	/**
	 * 1 while the original is kept and its content key is not known yet (start-up fills those
	 * in, found by this index); absent or undefined otherwise. Kept by the same hooks.
	 */
	keyless?: 1;
	/**
	 * 1 while `durationSec` is null (the duration indexes leave such a row out; the history page
	 * counts them from this index to read a far page from the duration index's nearer end);
	 * absent or undefined otherwise. Kept by the same hooks.
	 */
	unprobed?: 1;
}

export interface StoredFace {
	/** Box in source-pixel coordinates. */
	x: number;
	y: number;
	width: number;
	height: number;
	score: number;
	keypoints: { x: number; y: number }[];
	/** Eye aspect ratio (pipeline/eyes.ts); absent when not measured or stored before it was. */
	eyeAspect?: number;
	/** Sharpness of the face's region (pipeline/types.ts FaceBox); absent on older rows. */
	sharpness?: number;
}

export interface KeyframeRecord {
	id: string;
	videoId: string;
	frameIndex: number;
	timeSec: number;
	score: number;
	sharpness: number;
	faces: StoredFace[];
	/** Index of the face the score is about when not the best (a reference run's person). */
	subject?: number;
	width: number;
	height: number;
	/** Full-size JPEG. */
	image: Blob;
	thumb: Blob;
	/** Picked by hand from the player, not chosen by a run (absent = chosen by a run). */
	addedByHand?: boolean;
}

/** Keyed by [videoId+frameIndex]; exists only once the user annotated that keyframe. */
export interface AnnotationRecord {
	videoId: string;
	frameIndex: number;
	notes: string;
	tags: string[];
	/** true = left out of exports (the keyframe stays visible, dimmed). */
	deleted: boolean;
	/** Stars 1–5, 0 = not rated. Absent on rows written before ratings existed (read as 0). */
	rating?: number;
	/** The curator's pick or reject flag; absent or null = not flagged. */
	flag?: KeyframeFlag | null;
	createdAt: number;
	updatedAt: number;
}

/** Pick/reject, as culling tools flag frames; a reject stays exported unless marked deleted. */
export type KeyframeFlag = 'pick' | 'reject';

/** What the user edits on a keyframe. */
export interface AnnotationFields {
	notes: string;
	tags: string[];
	deleted: boolean;
	rating: number;
	flag: KeyframeFlag | null;
}

/** A keyframe nobody annotated yet. */
export const EMPTY_ANNOTATION: Readonly<AnnotationFields> = Object.freeze({
	notes: '',
	tags: [],
	deleted: false,
	rating: 0,
	flag: null
});

/** The fields of a stored row; rows older than ratings read as unrated and unflagged. */
export function annotationFields(record: AnnotationRecord): AnnotationFields {
	const { notes, tags, deleted, rating, flag } = record;
	return { notes, tags, deleted, rating: rating ?? 0, flag: flag ?? null };
}

export interface BatchRecord {
	id: string;
	name: string;
	createdAt: number;
	startedAt: number | null;
	completedAt: number | null;
	concurrency: number;
	settings: ExtractionSettings;
	state: BatchState;
	/** A reference photo's embeddings (People): only frames of that person are kept. */
	reference?: number[][] | null;
}

/** The original file, kept apart so that listing videos never loads video bytes. */
export interface VideoBlobRecord {
	videoId: string;
	file: Blob;
}

/**
 * A scored sample of a video's run (a frame with faces, measured), keyed [videoId+frameIndex]:
 * what a resumed run continues with instead of decoding the frames again, and, once the run is
 * finished, what the review tunes the selection from (see curation.ts).
 */
export interface CandidateRecord extends ScoredFrame {
	videoId: string;
	/** A keyframe that tuning left out, kept whole so that tuning it back in is instant. */
	parked?: KeyframeRecord;
}

/**
 * How far a video's unfinished run got, so the next run continues there: written as sampling
 * goes (with that video's `candidates`), removed when the video reaches a final state.
 */
export interface CheckpointRecord {
	videoId: string;
	/** A run with other settings starts from frame 0. */
	settings: ExtractionSettings;
	/** The decoder that read up to `state.after`. */
	decoder: DecoderName;
	state: SamplingState;
	/** The progress bar at `state.after` (0..1), where a resumed run's bar starts. */
	progress: number;
	updatedAt: number;
}
