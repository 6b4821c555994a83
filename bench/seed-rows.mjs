// Rows the bench writes straight into IndexedDB (raw API, not the app's code): the fields every
// completed video shares, passed into the page and spread under each row's own fields.
// tests/unit/bench-seed-rows.spec.ts keeps them equal to the app's own defaults and fields.
export const SETTINGS = {
	sampleRate: 5,
	sampleUnit: 'frames',
	sampleSeconds: 1,
	rangeStartSec: null,
	rangeEndSec: null,
	maxFrames: 20,
	confidence: 0.5,
	model: 'full',
	decoder: 'auto'
};

export const COMPLETED_VIDEO = {
	size: 1e6,
	type: 'video/mp4',
	fps: 25,
	width: 1280,
	height: 720,
	codec: 'h264',
	rotation: 0,
	status: 'completed',
	progress: 1,
	framesDone: 0,
	framesTotal: 0,
	stage: null,
	error: null,
	errorDetails: null,
	message: null,
	tags: [],
	settings: SETTINGS,
	thumbnail: null,
	hasOriginal: false,
	contentKey: null,
	decoder: 'ffmpeg.wasm',
	decoderNote: null,
	timings: null,
	attempts: 1,
	deletedAt: 0
};
