import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { downloadZip, fixture, startBatch, waitForFinal } from '../support/app-driver';

interface StoredKeyframe {
	id: string;
	videoId: string;
	frameIndex: number;
	timeSec: number;
	score: number;
	faces: { x: number; y: number; width: number; height: number; score: number }[];
}

/** Reads keyframes and videos straight from IndexedDB, and can write an annotation there. */
async function database(
	page: Page,
	annotate?: { videoName: string; nth: number; notes: string; tags: string[]; deleted: boolean }
) {
	return page.evaluate(async (annotate) => {
		const db = await new Promise<IDBDatabase>((resolve) => {
			const req = indexedDB.open('key-face-frame');
			req.onsuccess = () => resolve(req.result);
		});
		const all = <T>(store: string) =>
			new Promise<T[]>((resolve) => {
				const req = db.transaction(store).objectStore(store).getAll();
				req.onsuccess = () => resolve(req.result as T[]);
			});
		const videos = await all<{ id: string; name: string }>('videos');
		const keyframes = (await all<StoredKeyframe>('keyframes')).map((k) => ({
			...k,
			image: undefined,
			thumb: undefined
		}));
		if (annotate) {
			const video = videos.find((v) => v.name === annotate.videoName)!;
			const frame = keyframes
				.filter((k) => k.videoId === video.id)
				.sort((a, b) => a.frameIndex - b.frameIndex)[annotate.nth];
			await new Promise((resolve) => {
				const tx = db.transaction('annotations', 'readwrite');
				tx.objectStore('annotations').put({
					videoId: video.id,
					frameIndex: frame.frameIndex,
					notes: annotate.notes,
					tags: annotate.tags,
					deleted: annotate.deleted,
					createdAt: Date.now(),
					updatedAt: Date.now()
				});
				tx.oncomplete = resolve;
			});
		}
		db.close();
		return { videos, keyframes };
	}, annotate);
}

test('one video: kept keyframes by the contract, metadata matching the database, CJK names, face crops', async ({
	page
}) => {
	const dir = mkdtempSync(join(tmpdir(), 'kff-'));
	const cjk = join(dir, '视频 采访.mp4');
	copyFileSync(fixture('megamind_h264.mp4'), cjk);
	await page.goto('/');
	await page.getByTestId('file-input').setInputFiles(cjk);
	await startBatch(page, [], { maxFrames: 6 });
	expect(await waitForFinal(page, '视频 采访.mp4')).toBe('completed');

	await database(page, { videoName: '视频 采访.mp4', nth: 0, notes: '', tags: [], deleted: true });
	const { keyframes } = await database(page, {
		videoName: '视频 采访.mp4',
		nth: 1,
		notes: '主角正脸, "good"',
		tags: ['主角'],
		deleted: false
	});
	const sorted = keyframes.sort((a, b) => a.frameIndex - b.frameIndex);
	const kept = sorted.slice(1);

	const { name, zip } = await downloadZip(page);
	expect(name).toBe('视频 采访.mp4_keyframes.zip');
	const jpegs = Object.keys(zip.files)
		.filter((f) => f.endsWith('.jpg'))
		.sort();
	const expected = kept.map((k) => {
		const t = new Date(Math.round(k.timeSec * 1000))
			.toISOString()
			.slice(11, 23)
			.replaceAll(':', '-');
		return `视频 采访_${t}_f${k.frameIndex}.jpg`;
	});
	expect(jpegs).toEqual(expected.sort());
	expect(jpegs.some((f) => f.endsWith(`_f${sorted[0].frameIndex}.jpg`))).toBe(false); // marked deleted
	// Stored, not recompressed: the bytes start like a JPEG.
	const first = await zip.file(jpegs[0])!.async('uint8array');
	expect([...first.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);

	const meta = JSON.parse(await zip.file('metadata.json')!.async('string'));
	expect(meta.video).toMatchObject({ name: '视频 采访.mp4', width: 640 });
	expect(meta.settings).toMatchObject({
		sampleRate: 5,
		maxFrames: 6,
		confidence: 0.5,
		model: 'full'
	});
	expect(meta.keyframes.map((k: { frameIndex: number }) => k.frameIndex)).toEqual(
		kept.map((k) => k.frameIndex)
	);
	const annotated = meta.keyframes.find(
		(k: { frameIndex: number }) => k.frameIndex === sorted[1].frameIndex
	);
	expect(annotated).toMatchObject({ notes: '主角正脸, "good"', tags: ['主角'] });
	expect(annotated.faces).toHaveLength(sorted[1].faces.length);
	expect(annotated.score).toBeCloseTo(sorted[1].score, 3);

	const csv = await zip.file('metadata.csv')!.async('string');
	expect(csv.charCodeAt(0)).toBe(0xfeff);
	const lines = csv.slice(1).trimEnd().split('\r\n');
	expect(lines[0]).toBe(
		'file,frameIndex,timeSec,time,score,faceCount,faces,person,notes,tags,rating,flag,addedByHand'
	);
	expect(lines).toHaveLength(kept.length + 1);
	expect(csv).toContain('"主角正脸, ""good"""');

	const withCrops = await downloadZip(page, true);
	const crops = Object.keys(withCrops.zip.files).filter(
		(f) => f.startsWith('faces/') && f.endsWith('.jpg')
	);
	expect(crops).toHaveLength(kept.reduce((n, k) => n + k.faces.length, 0));
});

test('a batch, or a selection in history, exports as one ZIP with a folder per video', async ({
	page
}) => {
	await startBatch(page, ['megamind_vp9.webm', 'megamind_h264.mp4'], { maxFrames: 3 });
	for (const f of ['megamind_vp9.webm', 'megamind_h264.mp4'])
		expect(await waitForFinal(page, f)).toBe('completed');
	const { name, zip } = await downloadZip(page);
	expect(name).toMatch(/_keyframes\.zip$/);
	const files = Object.keys(zip.files);
	for (const folder of ['megamind_vp9', 'megamind_h264']) {
		expect(files).toContain(`${folder}/metadata.json`);
		expect(files).toContain(`${folder}/metadata.csv`);
		expect(
			files.filter((f) => f.startsWith(`${folder}/`) && f.endsWith('.jpg')).length
		).toBeGreaterThan(0);
	}

	// The same two videos picked in History.
	await page.goto('/history');
	await expect(page.getByTestId('history-row')).toHaveCount(2);
	for (const row of await page.getByTestId('history-row').all())
		await row.getByTestId('select-video').check();
	await expect(page.getByTestId('selected-count')).toHaveText('2 selected');
	const selection = await downloadZip(page);
	expect(selection.name).toBe('selection_keyframes.zip');
	expect(
		Object.keys(selection.zip.files)
			.filter((f) => f.endsWith('metadata.json'))
			.sort()
	).toEqual(['megamind_h264/metadata.json', 'megamind_vp9/metadata.json']);
});

test('from the video page: a keyframe just marked deleted in the editor is left out at once', async ({
	page
}) => {
	await startBatch(page, ['megamind_h264.mp4'], { maxFrames: 4 });
	expect(await waitForFinal(page, 'megamind_h264.mp4')).toBe('completed');
	await page.getByRole('link', { name: 'Open keyframes' }).click();
	const frames = page.getByTestId('keyframe');
	await expect(frames.first()).toBeVisible();
	const count = await frames.count();
	const marked = await frames.first().getAttribute('data-frame-index');
	await frames.first().click();
	// A note that would run script if it were HTML: it must stay text.
	await page.getByTestId('keyframe-notes').fill('<img src=x onerror=alert(1)>');
	await page.getByTestId('keyframe-delete').click();
	await expect(frames.first()).toHaveAttribute('data-deleted', 'true');
	page.on('dialog', () => {
		throw new Error('a note ran script');
	});

	// No waiting for the save queue: export flushes it first.
	const { zip } = await downloadZip(page);
	const jpegs = Object.keys(zip.files).filter((f) => f.endsWith('.jpg'));
	expect(jpegs).toHaveLength(count - 1);
	expect(jpegs.some((f) => f.endsWith(`_f${marked}.jpg`))).toBe(false);
	await expect(page.getByTestId('keyframe-notes')).toHaveValue('<img src=x onerror=alert(1)>');
	await expect(page.locator('img[src="x"]')).toHaveCount(0);
});
