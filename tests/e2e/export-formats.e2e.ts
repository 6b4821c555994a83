// Editor markers, dataset labels and face crops as chosen, from a real processed video: every
// file the ZIP holds is parsed as an editor or a training script would (issue #19).
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect, test, type Page } from '@playwright/test';
import type JSZip from 'jszip';
import { downloadZip, startBatch, waitForFinal } from '../support/app-driver';
import { readStores, seedBatch, seedDb, seedVideo } from '../support/browser-db';
import { parseEdl } from '../support/edl';

const VIDEO = 'faces_timeline.mp4';

interface Face {
	x: number;
	y: number;
	width: number;
	height: number;
	score: number;
}
interface MetaKeyframe {
	file: string;
	frameIndex: number;
	timeSec: number;
	faces: Face[];
	faceCrops?: string[];
	notes: string;
	tags: string[];
}

/** The pixel size of each image, as the browser decodes it. */
async function imageSizes(page: Page, zip: JSZip, paths: string[]) {
	const encoded = await Promise.all(paths.map((p) => zip.file(p)!.async('base64')));
	return page.evaluate(async (images) => {
		const sizes = [];
		for (const data of images) {
			const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
			const bitmap = await createImageBitmap(new Blob([bytes]));
			sizes.push({ width: bitmap.width, height: bitmap.height });
			bitmap.close();
		}
		return sizes;
	}, encoded);
}

/** FCPXML's rational time (`n/ds` or `0s`) in seconds. */
const rational = (t: string) => {
	const m = /^(\d+)(?:\/(\d+))?s$/.exec(t);
	if (!m) throw new Error(`not an FCPXML time: ${t}`);
	return Number(m[1]) / Number(m[2] ?? 1);
};

test('editor markers, dataset labels and crops as chosen: every file parses and agrees with metadata.json', async ({
	page
}) => {
	await startBatch(page, [VIDEO], { maxFrames: 5 });
	expect(await waitForFinal(page, VIDEO)).toBe('completed');
	await page.getByRole('link', { name: 'Open keyframes' }).click();
	const frames = page.getByTestId('keyframe');
	await expect(frames.first()).toBeVisible();
	const count = await frames.count();
	expect(count).toBeGreaterThan(2);

	// A note and tags on one keyframe, another marked deleted.
	await frames.nth(1).click();
	await page.getByTestId('keyframe-notes').fill('主角 "close" <up> & more');
	await page.getByTestId('keyframe-tags').fill('hero');
	await page.getByTestId('keyframe-tags').press('Enter');
	const noted = Number(await frames.nth(1).getAttribute('data-frame-index'));
	await frames.first().click();
	await page.getByTestId('keyframe-delete').click();
	await expect(frames.first()).toHaveAttribute('data-deleted', 'true');
	const deleted = Number(await frames.first().getAttribute('data-frame-index'));

	await page.getByTestId('export-editor-markers').check();
	await page.getByTestId('export-dataset-labels').check();
	await page.getByTestId('export-face-crops').check();
	await page.getByTestId('export-crop-shape').selectOption('4:5');
	await page.getByTestId('export-crop-padding').fill('20');
	await page.getByTestId('export-crop-size').selectOption('256');
	await page.getByTestId('export-crop-format').selectOption('png');
	const { zip } = await downloadZip(page);
	const files = Object.keys(zip.files).filter((f) => !zip.files[f].dir);
	const text = (path: string) => zip.file(path)!.async('string');

	const meta = JSON.parse(await text('metadata.json'));
	const kept: MetaKeyframe[] = meta.keyframes;
	expect(kept).toHaveLength(count - 1);
	expect(kept.some((k) => k.frameIndex === deleted)).toBe(false);
	expect(meta.video).toMatchObject({ width: 1280, height: 720, rotation: 0, tags: [] });
	expect(meta.export).toEqual({
		faceCrops: { shape: '4:5', paddingPercent: 20, size: 256, format: 'png' },
		editorMarkers: true,
		datasetLabels: true
	});
	const fps: number = meta.video.fps;
	expect(fps).toBeCloseTo(25, 3);

	// EDL (CMX 3600): one event per kept keyframe, its timecode within one frame of timeSec.
	const edl = parseEdl(await text('markers.edl'));
	expect(edl.dropFrame).toBe(false);
	expect(edl.events).toHaveLength(kept.length);
	edl.events.forEach((event, i) => {
		const [hh, mm, ss, ff] = event.sourceIn.split(/[:;]/).map(Number);
		const seconds = hh * 3600 + mm * 60 + ss + ff / 25;
		expect(Math.abs(seconds - kept[i].timeSec)).toBeLessThanOrEqual(1 / fps);
		expect(event.recordIn).toBe(event.sourceIn);
	});
	const notedIndex = kept.findIndex((k) => k.frameIndex === noted);
	expect(edl.events[notedIndex].comments).toEqual(['主角 "close" <up> & more [hero]']);

	// FCPXML: well-formed (Chromium's XML parser and fast-xml-parser), one marker per keyframe.
	const fcpxml = await text('markers.fcpxml');
	expect(XMLValidator.validate(fcpxml)).toBe(true);
	const browserParse = await page.evaluate((xml) => {
		const doc = new DOMParser().parseFromString(xml, 'application/xml');
		return {
			error: doc.querySelector('parsererror')?.textContent ?? null,
			version: doc.documentElement.getAttribute('version'),
			markers: [...doc.querySelectorAll('asset-clip > marker')].map((m) => ({
				start: m.getAttribute('start')!,
				value: m.getAttribute('value')!
			}))
		};
	}, fcpxml);
	expect(browserParse.error).toBeNull();
	expect(browserParse.version).toBe('1.9');
	expect(browserParse.markers).toHaveLength(kept.length);
	browserParse.markers.forEach((m, i) =>
		expect(Math.abs(rational(m.start) - kept[i].timeSec)).toBeLessThanOrEqual(1 / fps)
	);
	expect(browserParse.markers[notedIndex].value).toBe('主角 "close" <up> & more');
	const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(fcpxml);
	expect(doc.fcpxml.resources.format).toMatchObject({ width: '1280', height: '720' });

	// The Resolve marker list: a header and a row per keyframe.
	const markerCsv = (await text('markers.csv'))
		.replace(/^\uFEFF/, '')
		.trimEnd()
		.split('\r\n');
	expect(markerCsv[0]).toBe(
		'#,Color,Name,Notes,Source In,Source Out,Record In,Record Out,Duration,Keywords'
	);
	expect(markerCsv).toHaveLength(kept.length + 1);

	// COCO: the exported JPEGs with their real size; boxes inside them, as metadata.json has them.
	const coco = JSON.parse(await text('annotations/coco.json'));
	expect(coco.categories.map((c: { name: string }) => c.name)).toEqual(['face']);
	expect(coco.images.map((i: { file_name: string }) => i.file_name)).toEqual(
		kept.map((k) => k.file)
	);
	const jpegSizes = await imageSizes(
		page,
		zip,
		kept.map((k) => k.file)
	);
	coco.images.forEach((image: { width: number; height: number }, i: number) =>
		expect({ width: image.width, height: image.height }).toEqual(jpegSizes[i])
	);
	let boxes = 0;
	kept.forEach((k, i) => {
		const image = coco.images[i];
		const anns = coco.annotations.filter((a: { image_id: number }) => a.image_id === image.id);
		expect(anns).toHaveLength(k.faces.length);
		anns.forEach((a: { bbox: number[]; keypoints: number[] }, j: number) => {
			const [x, y, w, h] = a.bbox;
			expect(x).toBeGreaterThanOrEqual(0);
			expect(y).toBeGreaterThanOrEqual(0);
			expect(x + w).toBeLessThanOrEqual(image.width + 1e-6);
			expect(y + h).toBeLessThanOrEqual(image.height + 1e-6);
			const f = k.faces[j];
			const x0 = Math.max(0, f.x);
			const y0 = Math.max(0, f.y);
			expect(x).toBeCloseTo(x0, 1);
			expect(y).toBeCloseTo(y0, 1);
			expect(x + w).toBeCloseTo(Math.min(image.width, f.x + f.width), 1);
			expect(y + h).toBeCloseTo(Math.min(image.height, f.y + f.height), 1);
			expect(a.keypoints).toHaveLength(18);
			boxes++;
		});
	});
	expect(boxes).toBeGreaterThan(0);

	// YOLO: one label file per image, `0 cx cy w h` with values in 0..1, a line per face.
	const labels = files.filter((f) => f.startsWith('labels/'));
	expect(labels.sort()).toEqual(
		kept.map((k) => `labels/${k.file.replace(/\.jpg$/, '.txt')}`).sort()
	);
	for (const k of kept) {
		const lines = (await text(`labels/${k.file.replace(/\.jpg$/, '.txt')}`)).trimEnd().split('\n');
		expect(lines).toHaveLength(k.faces.length);
		for (const line of lines) {
			const [cls, ...values] = line.split(' ');
			expect(cls).toBe('0');
			expect(values).toHaveLength(4);
			for (const v of values.map(Number)) {
				expect(v).toBeGreaterThanOrEqual(0);
				expect(v).toBeLessThanOrEqual(1);
			}
		}
	}

	// Crops: PNG, 4:5 at 256 px high, each listed with its keyframe.
	const crops = files.filter((f) => f.startsWith('faces/'));
	expect(crops.sort()).toEqual(kept.flatMap((k) => k.faceCrops ?? []).sort());
	expect(crops).toHaveLength(kept.reduce((n, k) => n + k.faces.length, 0));
	for (const k of kept) expect(k.faceCrops).toHaveLength(k.faces.length);
	for (const crop of crops) {
		expect(crop).toMatch(/\.png$/);
		const bytes = await zip.file(crop)!.async('uint8array');
		expect([...bytes.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
	}
	for (const size of await imageSizes(page, zip, crops))
		expect(size).toEqual({ width: 205, height: 256 });

	// The choices are remembered, and the batch page's panel offers the same ones.
	await page.reload();
	await expect(page.getByTestId('export-editor-markers')).toBeChecked();
	await expect(page.getByTestId('export-crop-shape')).toHaveValue('4:5');
	await page.getByTestId('export-crop-shape').selectOption('square');
	await page.getByTestId('export-crop-size').selectOption('512');
	await page.getByTestId('export-crop-format').selectOption('webp');
	await page.getByTestId('export-dataset-labels').uncheck();
	await page.goBack();
	await expect(page.getByTestId('export-dataset-labels')).not.toBeChecked();
	await expect(page.getByTestId('export-crop-format')).toHaveValue('webp');
	const batch = await downloadZip(page);
	const batchFiles = Object.keys(batch.zip.files);
	expect(batchFiles.some((f) => f.includes('labels/'))).toBe(false);
	const webp = batchFiles.filter((f) => /(^|\/)faces\/.+\.webp$/.test(f));
	expect(webp).toHaveLength(crops.length);
	for (const size of await imageSizes(page, batch.zip, webp))
		expect(size).toEqual({ width: 512, height: 512 });
	expect(batchFiles.filter((f) => f.endsWith('markers.edl'))).toHaveLength(1);

	// The History selection offers the same remembered choices.
	await page.goto('/history');
	await page.getByTestId('history-row').first().getByTestId('select-video').check();
	await expect(page.getByTestId('export-editor-markers')).toBeChecked();
	await page.getByTestId('export-dataset-labels').check();
	const selection = await downloadZip(page);
	const selected = Object.keys(selection.zip.files);
	expect(selected).toContain('annotations/coco.json');
	expect(selected.filter((f) => f.startsWith('labels/'))).toHaveLength(kept.length);
	expect(selected.filter((f) => /^faces\/.+\.webp$/.test(f))).toHaveLength(crops.length);
});

test('a rotated phone video says its display size in the header, the batch page and metadata.json', async ({
	page
}) => {
	const batch = seedBatch('phone-batch', 'Phone');
	const video = seedVideo({
		id: 'portrait',
		name: 'portrait.mp4',
		batchId: batch.id,
		status: 'completed',
		keyframeCount: 1,
		width: 1280,
		height: 720,
		rotation: 90,
		fps: 29.97,
		durationSec: 4,
		tags: ['phone']
	});
	await page.goto('/');
	await seedDb(page, {
		videos: [video],
		batches: [batch],
		keyframes: [{ videoId: video.id, frameIndex: 30 }]
	});
	await page.goto(`/videos/${video.id}`);
	await expect(page.getByText('720×1280')).toBeVisible();
	await page.getByTestId('export-editor-markers').check();
	const { zip } = await downloadZip(page);
	const meta = JSON.parse(await zip.file('metadata.json')!.async('string'));
	expect(meta.video).toMatchObject({ width: 720, height: 1280, rotation: 90, tags: ['phone'] });
	// 29.97 fps: drop-frame timecode.
	const edl = parseEdl(await zip.file('markers.edl')!.async('string'));
	expect(edl.dropFrame).toBe(true);
	expect(edl.events).toHaveLength(1);
	const stored = await readStores(page, ['videos']);
	expect(stored.videos[0]).toMatchObject({ width: 1280, height: 720 });

	await page.goto(`/batches/${batch.id}`);
	await expect(page.getByTestId('video-row')).toContainText('720×1280');
	await expect(page.getByTestId('export-editor-markers')).toBeChecked();
});
