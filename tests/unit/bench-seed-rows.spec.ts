// The bench runs in plain Node and writes its rows with the raw IndexedDB API, so it cannot
// import the app's TypeScript; this keeps its copy of a completed video equal to the app's own.
import { expect, it } from 'vitest';
import { COMPLETED_VIDEO, SETTINGS } from '../../bench/seed-rows.mjs';
import { defaultExtraction, videoRecord } from '../support/records';

it("the bench's settings are the default extraction settings", () => {
	expect(SETTINGS).toEqual(defaultExtraction());
});

it("the bench's completed video has every field of the app's row but the ones each row sets", () => {
	const app = Object.keys(videoRecord({ id: 'x', name: 'x.mp4' }));
	const perRow = ['id', 'name', 'batchId', 'batchPosition', 'createdAt', 'updatedAt'];
	const perRun = ['durationSec', 'startedAt', 'finishedAt', 'keyframeCount'];
	expect([...Object.keys(COMPLETED_VIDEO), ...perRow, ...perRun].sort()).toEqual(app.sort());
});
