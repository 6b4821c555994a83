// People (#17) after grouping: a library processed while face recognition could not load is
// embedded on demand ("Find people in N older videos"), then filtered by person on the review
// page, in History and on the batch page (gallery, list and ZIP), a person's ZIP has a folder per
// video, and a frame added by hand gets its face into People. people_two.mp4 (obama and biden
// taking turns, truth in people_two.json) is processed once for the whole file.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import type JSZip from 'jszip';
import { downloadZip, startBatch, waitForFinal } from './helpers';
import { readStores, seedDb, seedVideo } from './seed-db';
import { renamePerson } from '../support/people-page';
import { PEOPLE_VIDEO as VIDEO, personAt, SEGMENTS } from '../support/people-two';

interface MetadataKeyframe {
	timeSec: number;
	faces: { personId: string | null; person: string | null }[];
}

async function metadataOf(zip: JSZip, path: string): Promise<MetadataKeyframe[]> {
	const file = zip.file(path);
	expect(file, `${path} in the ZIP`).not.toBeNull();
	return (JSON.parse(await file!.async('string')) as { keyframes: MetadataKeyframe[] }).keyframes;
}

function images(zip: JSZip): string[] {
	return Object.keys(zip.files).filter((p) => p.endsWith('.jpg'));
}

test.describe.serial('People filters on one processed library', () => {
	test.use({ serviceWorkers: 'block' });
	let context: BrowserContext;
	let page: Page;
	let videoId: string;
	let batchId: string;
	/** Person id → who it is in the truth, and their keyframe times. */
	const who = new Map<string, string>();
	const timesOf = new Map<string, number[]>();
	const idOf = (name: string) => [...who].find(([, n]) => n === name)![0];

	test.beforeAll(async ({ browser, baseURL }) => {
		context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
		page = await context.newPage();
		// Face recognition cannot load while the video is processed: it completes without People.
		await context.route('**/vendor/models/face_recognition_model*', (route) => route.abort());
		await startBatch(page, [VIDEO]);
		expect(await waitForFinal(page, VIDEO)).toBe('completed');
		await context.unroute('**/vendor/models/face_recognition_model*');
		batchId = new URL(page.url()).pathname.split('/').pop()!;
		const { videos } = await readStores(page, ['videos']);
		videoId = videos[0].id as string;
	});

	test.afterAll(async () => {
		await context.close();
	});

	test('an older video’s faces are found on demand and grouped into its two people', async () => {
		const { faces, keyframes } = await readStores(page, ['faces', 'keyframes']);
		expect(faces).toHaveLength(0);
		expect(keyframes.length).toBeGreaterThan(2);

		await page.goto('/people');
		await expect(page.getByTestId('people-empty')).toBeVisible();
		const find = page.getByTestId('people-find-older');
		await expect(find).toHaveText(/Find people in 1 older video/);
		await find.click();
		await expect(page.getByTestId('people-older-status')).toHaveAttribute('data-state', 'done', {
			timeout: 180_000
		});
		await expect(find).toHaveCount(0);

		const cards = page.getByTestId('person');
		await expect(cards).toHaveCount(2, { timeout: 30_000 });
		const ids = await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-person-id')!));
		for (const id of ids) {
			await page.goto(`/people?person=${id}`);
			const frames = page.getByTestId('person-keyframe');
			await expect(frames.first()).toBeVisible();
			const times = await frames.evaluateAll((els) => els.map((e) => Number(e.dataset.time)));
			const names = new Set(times.map(personAt));
			expect(names.size, `person ${id} holds frames of ${[...names]}`).toBe(1);
			who.set(id, [...names][0]);
			timesOf.set(id, times);
		}
		expect(new Set(who.values())).toEqual(new Set(['obama', 'biden']));
		// Every kept keyframe's face was embedded, from the stored keyframes.
		const all = keyframes.map((k) => k.timeSec as number).sort((a, b) => a - b);
		expect([...timesOf.values()].flat().sort((a, b) => a - b)).toEqual(all);
	});

	test('the review page shows and exports only the chosen person’s keyframes', async () => {
		const obama = idOf('obama');
		await page.goto(`/videos/${videoId}`);
		const cards = page.getByTestId('keyframe');
		await expect(cards.first()).toBeVisible();
		const total = await cards.count();
		const filter = page.getByTestId('person-filter');
		await expect(filter.locator('option')).toHaveCount(3);
		await filter.selectOption(obama);
		await expect(cards).toHaveCount(timesOf.get(obama)!.length);
		expect(total).toBeGreaterThan(timesOf.get(obama)!.length);
		const shown = await cards.evaluateAll((els) => els.map((e) => Number(e.dataset.time)));
		for (const t of shown) expect(personAt(t), `keyframe at ${t}s`).toBe('obama');

		const { zip } = await downloadZip(page);
		expect(images(zip)).toHaveLength(timesOf.get(obama)!.length);
		const rows = await metadataOf(zip, 'metadata.json');
		expect(rows.map((k) => k.timeSec).sort((a, b) => a - b)).toEqual(
			[...timesOf.get(obama)!].sort((a, b) => a - b)
		);
		for (const k of rows) expect(k.faces.map((f) => f.personId)).toContain(obama);

		// Everyone again: every keyframe.
		await filter.selectOption('');
		await expect(cards).toHaveCount(total);
	});

	test('History lists only the videos a person is in, and exports only their keyframes', async () => {
		const biden = idOf('biden');
		await seedDb(page, {
			videos: [seedVideo({ id: 'no-people', name: 'nobody here.mp4', status: 'completed' })]
		});
		await page.goto('/history');
		await expect(page.getByTestId('history-row')).toHaveCount(2);
		await page.getByTestId('person-filter').selectOption(biden);
		await expect(page).toHaveURL(new RegExp(`person=${biden}`));
		await expect(page.getByTestId('history-row')).toHaveCount(1);
		await expect(page.getByTestId('history-row')).toContainText(VIDEO);
		await page.reload();
		await expect(page.getByTestId('person-filter')).toHaveValue(biden);
		await expect(page.getByTestId('history-row')).toHaveCount(1);

		await page.getByTestId('select-page').check();
		const { zip } = await downloadZip(page);
		expect(images(zip)).toHaveLength(timesOf.get(biden)!.length);
		const rows = await metadataOf(zip, 'metadata.json');
		for (const k of rows) expect(personAt(k.timeSec)).toBe('biden');
	});

	test('the batch page’s ZIP follows its person filter', async () => {
		const obama = idOf('obama');
		await page.goto(`/batches/${batchId}`);
		await page.getByTestId('person-filter').selectOption(obama);
		const { zip } = await downloadZip(page);
		const rows = await metadataOf(zip, 'metadata.json');
		expect(rows).toHaveLength(timesOf.get(obama)!.length);
		for (const k of rows) expect(personAt(k.timeSec)).toBe('obama');
	});

	test('a person’s ZIP has a folder per video, named after the file', async () => {
		const obama = idOf('obama');
		await renamePerson(page, obama, 'Barack Obama');
		await page.goto(`/people?person=${obama}`);
		await expect(page.getByRole('heading', { name: /Barack Obama/ })).toBeVisible();
		const { name, zip } = await downloadZip(page);
		expect(name).toBe('Barack Obama_keyframes.zip');
		const files = images(zip);
		expect(files).toHaveLength(timesOf.get(obama)!.length);
		for (const f of files) expect(f).toMatch(/^people_two\//);
		const rows = await metadataOf(zip, 'people_two/metadata.json');
		for (const k of rows) {
			expect(personAt(k.timeSec)).toBe('obama');
			expect(k.faces.map((f) => f.person)).toContain('Barack Obama');
		}
	});

	test('a re-tuned selection keeps People in step with its keyframes', async () => {
		/** The video's embedded faces' frames, and whether each face's person is the right one. */
		const facesNow = async () => {
			const { faces, keyframes } = await readStores(page, ['faces', 'keyframes']);
			const time = new Map(keyframes.map((k) => [k.frameIndex, k.timeSec as number]));
			const own = faces.filter((f) => f.videoId === videoId);
			return {
				frames: [...new Set(own.map((f) => f.frameIndex as number))].sort((a, b) => a - b),
				right: own.every((f) => who.get(f.personId as string) === personAt(time.get(f.frameIndex)!))
			};
		};
		const frames = async () =>
			(await readStores(page, ['keyframes'])).keyframes
				.filter((k) => k.videoId === videoId)
				.map((k) => k.frameIndex as number)
				.sort((a, b) => a - b);
		const all = await frames();
		await page.goto(`/videos/${videoId}`);
		const cards = page.getByTestId('keyframe');
		await expect(cards).toHaveCount(all.length);

		const input = page.getByTestId('retune-max-frames');
		await input.fill('2');
		await input.press('Enter');
		await expect(cards).toHaveCount(2);
		const two = await frames();
		expect(two).toHaveLength(2);
		// Faces of the frames no longer kept leave People.
		await expect.poll(facesNow, { timeout: 60_000 }).toEqual({ frames: two, right: true });

		await page.getByTestId('retune-reset').click();
		await expect(cards).toHaveCount(all.length, { timeout: 120_000 });
		// The frames back in the selection are embedded again, each into the right person.
		await expect.poll(facesNow, { timeout: 120_000 }).toEqual({ frames: all, right: true });
	});

	test('a frame added by hand gets its face into People', async () => {
		const biden = idOf('biden');
		const taken = new Set((await readStores(page, ['keyframes'])).keyframes.map((k) => k.timeSec));
		await page.goto(`/videos/${videoId}`);
		await expect(page.getByTestId('keyframe').first()).toBeVisible();
		await page.getByTestId('pick-by-hand').click();
		const player = page.getByTestId('picker-video');
		await expect
			.poll(() => player.evaluate((v: HTMLVideoElement) => v.readyState))
			.toBeGreaterThanOrEqual(1);
		// The middle of biden's second turn.
		const turn = SEGMENTS.filter((s) => s.person === 'biden')[1];
		await player.evaluate(
			(v: HTMLVideoElement, t) => (v.currentTime = t),
			(turn.start + turn.end) / 2
		);
		const where = page.getByTestId('picker-frame');
		await expect(where).not.toHaveAttribute('data-frame-index', '0');
		const frameIndex = Number(await where.getAttribute('data-frame-index'));
		await page.getByTestId('add-frame').click();
		await expect(page.getByTestId('add-frame-status')).toContainText(
			`Frame ${frameIndex} was added`
		);
		const added = (await readStores(page, ['keyframes'])).keyframes.find(
			(k) => k.frameIndex === frameIndex
		)!;
		expect(taken.has(added.timeSec)).toBe(false);
		expect((added.faces as unknown[]).length).toBeGreaterThan(0);
		await expect
			.poll(
				async () =>
					(await readStores(page, ['faces'])).faces
						.filter((f) => f.videoId === videoId && f.frameIndex === frameIndex)
						.map((f) => f.personId),
				{ timeout: 60_000 }
			)
			.toEqual([biden]);
		await page.goto(`/people?person=${biden}`);
		await expect(
			page.locator(`[data-testid="person-keyframe"][data-frame-index="${frameIndex}"]`)
		).toBeVisible();
	});
});
