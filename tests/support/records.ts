// Records for tests, built from the app's own defaults so that no test retypes them.
import type { SelectionBasis } from '$lib/pipeline/curate';
import { SHARPNESS_WEIGHT } from '$lib/pipeline/score';
import type { ScoredFrame } from '$lib/pipeline/types';
import type { BatchRecord, KeyframeRecord, VideoRecord } from '$lib/db/types';
import { newVideoRecord } from '$lib/db/videos';
import type { ExtractOutcome, ProbeInfo } from '$lib/workers/extractor-protocol';
import {
	DEFAULT_SETTINGS,
	extractionPart,
	type ExtractionSettings
} from '$lib/settings/extraction-settings';

/** The extraction settings a new batch gets by default. */
export function defaultExtraction(): ExtractionSettings {
	return extractionPart(DEFAULT_SETTINGS);
}

/** A running batch with the default settings, created at 1 000 ms unless `fields` say otherwise. */
export function batchRecord(fields: Partial<BatchRecord> = {}): BatchRecord {
	return {
		id: crypto.randomUUID(),
		name: 'Batch',
		createdAt: 1_000,
		startedAt: null,
		completedAt: null,
		concurrency: 1,
		settings: defaultExtraction(),
		state: 'running',
		...fields
	};
}

/**
 * A completed 10 s 640×360 video of batch 'batch', not in the trash, without keyframes or its
 * original: the app's own new row (`newVideoRecord`) as processing leaves it, then `fields`.
 */
export function videoRecord(
	fields: Partial<VideoRecord> & Pick<VideoRecord, 'id' | 'name'>
): VideoRecord {
	const createdAt = fields.createdAt ?? Date.now();
	const batch = batchRecord({ id: fields.batchId ?? 'batch', createdAt });
	const file = {
		file: new Blob([]),
		name: fields.name,
		size: 1_000_000,
		type: 'video/mp4',
		contentKey: null
	};
	return {
		...newVideoRecord(batch, file, 0),
		durationSec: 10,
		fps: 25,
		width: 640,
		height: 360,
		codec: 'h264',
		rotation: 0,
		status: 'completed',
		progress: 1,
		hasOriginal: false,
		...fields,
		createdAt
	};
}

/** The selection basis a run of a `size`-pixel square video returns, with the default tune. */
export function selectionBasis(size = 2): SelectionBasis {
	return {
		frameWidth: size,
		frameHeight: size,
		maxHashDistance: 10,
		tune: {
			maxFrames: DEFAULT_SETTINGS.maxFrames,
			minGapSec: 0.5,
			minFacePct: 0,
			largestFaceOnly: false,
			sharpnessWeight: SHARPNESS_WEIGHT,
			onePerShot: true
		}
	};
}

/** A stored keyframe's fields, as a worker returns them: at `fps`, one face-less tiny image. */
export function keyframeFields(
	frameIndex: number,
	fps: number,
	size = 2
): Omit<KeyframeRecord, 'id' | 'videoId'> {
	return {
		frameIndex,
		timeSec: frameIndex / fps,
		score: 1,
		sharpness: 1,
		faces: [],
		width: size,
		height: size,
		image: new Blob(['i']),
		thumb: new Blob(['t'])
	};
}

/** A worker's outcome of a finished 2 s, 25 fps run with `keyframes`, its probe's size `size`. */
export function completedOutcome(
	keyframes: Omit<KeyframeRecord, 'id' | 'videoId'>[],
	size: Pick<ProbeInfo, 'width' | 'height'> = { width: 4, height: 4 },
	candidates: ScoredFrame[] = []
): Extract<ExtractOutcome, { ok: true }> {
	return {
		ok: true,
		probe: {
			durationSec: 2,
			fps: 25,
			frameCount: 50,
			...size,
			codec: 'h264',
			rotation: 0,
			container: 'mp4'
		},
		keyframes,
		thumbnail: null,
		selection: selectionBasis(4),
		warning: null,
		framesSampled: 10,
		framesWithFaces: keyframes.length,
		timings: {},
		decoder: 'webcodecs',
		decoderNote: null,
		embeddings: [],
		candidates
	};
}
