// People (#17) on the built site with the real models: people_two.mp4 (obama and biden taking
// turns, truth in people_two.json) grouped into persons, the People page's edits, finding a
// person from a photo, a reference photo keeping one person's frames, the bad inputs, and a
// model that cannot load.
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { fixture, startBatch, videoRow, waitForFinal } from './helpers';
import { setOptionsAndStart } from '../support/app-core.mjs';
import { readStores } from '../support/browser-db';
import { renamePerson } from '../support/people-page';
import { PEOPLE_VIDEO as VIDEO, personAt, SEGMENTS } from '../support/people-two';

/** Which segments (by index) the times fall in. */
function segmentsOf(times: number[]): Set<number> {
	return new Set(times.map((t) => SEGMENTS.findIndex((s) => t >= s.start && t < s.end)));
}

async function processVideo(page: Page) {
	await startBatch(page, [VIDEO]);
	expect(await waitForFinal(page, VIDEO)).toBe('completed');
}

/** The person cards' ids, waiting until there are `count`. */
async function personIds(page: Page, count: number): Promise<string[]> {
	const cards = page.getByTestId('person');
	await expect(cards).toHaveCount(count, { timeout: 30_000 });
	return cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-person-id')!));
}

/** The times of a person's keyframes, from their page. */
async function keyframeTimes(page: Page, personId: string): Promise<number[]> {
	await page.goto(`/people?person=${personId}`);
	const frames = page.getByTestId('person-keyframe');
	await expect(frames.first()).toBeVisible();
	return frames.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-time'))));
}

/** Every keyframe time of the processed videos. */
async function allKeyframeTimes(page: Page): Promise<number[]> {
	const { keyframes } = await readStores(page, ['keyframes']);
	return keyframes.map((k) => k.timeSec as number);
}

/** Serves the fixtures to the page under /__fixtures__/. */
function serveFixtures(page: Page) {
	return page.route('**/__fixtures__/*', (route) =>
		route.fulfill({ body: readFileSync(fixture(route.request().url().split('/').pop()!)) })
	);
}

/** A picture drawn in the page (from served fixtures), as a file for an input. */
async function drawnPicture(page: Page, name: string, draw: 'no-face' | 'two-people') {
	await serveFixtures(page);
	const base64 = await page.evaluate(async (draw) => {
		const image = (src: string) =>
			new Promise<HTMLImageElement>((resolve, reject) => {
				const img = new Image();
				img.onload = () => resolve(img);
				img.onerror = reject;
				img.src = src;
			});
		const canvas = document.createElement('canvas');
		const ctx = canvas.getContext('2d')!;
		if (draw === 'no-face') {
			canvas.width = 640;
			canvas.height = 480;
			const g = ctx.createLinearGradient(0, 0, 640, 480);
			g.addColorStop(0, '#3a7');
			g.addColorStop(1, '#37a');
			ctx.fillStyle = g;
			ctx.fillRect(0, 0, 640, 480);
		} else {
			const a = await image('/__fixtures__/people_ref_obama.jpg');
			const b = await image('/__fixtures__/people_ref_biden.jpg');
			const h = 480;
			const wa = (a.width * h) / a.height;
			const wb = (b.width * h) / b.height;
			canvas.width = Math.round(wa + wb);
			canvas.height = h;
			ctx.drawImage(a, 0, 0, wa, h);
			ctx.drawImage(b, wa, 0, wb, h);
		}
		const blob = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/jpeg', 0.92));
		const bytes = new Uint8Array(await blob.arrayBuffer());
		let text = '';
		for (const byte of bytes) text += String.fromCharCode(byte);
		return btoa(text);
	}, draw);
	return { name, mimeType: 'image/jpeg', buffer: Buffer.from(base64, 'base64') };
}

/**
 * A 3 s WebM of both people in one picture, drawn and encoded in the page with mediabunny (the
 * library the app reads with): biden large on the left (his reference photo), obama smaller on the
 * right (people_two.mp4 at 1 s: another picture of him than his reference photo).
 */
async function bothPeopleVideo(page: Page) {
	await serveFixtures(page);
	await page.route('**/__test__/mediabunny.mjs', (route) =>
		route.fulfill({
			body: readFileSync('node_modules/mediabunny/dist/bundles/mediabunny.min.mjs'),
			contentType: 'text/javascript'
		})
	);
	// As a string: the module import must reach the page as written.
	const base64: string = await page.evaluate(`(async () => {
		const mb = await import('/__test__/mediabunny.mjs');
		const biden = new Image();
		biden.src = '/__fixtures__/people_ref_biden.jpg';
		await biden.decode();
		const video = document.createElement('video');
		video.muted = true;
		video.src = '/__fixtures__/people_two.mp4';
		await new Promise((resolve) => (video.onloadeddata = resolve));
		video.currentTime = 1;
		await new Promise((resolve) => (video.onseeked = resolve));
		const canvas = document.createElement('canvas');
		canvas.width = 1280;
		canvas.height = 720;
		const ctx = canvas.getContext('2d');
		ctx.fillStyle = '#555';
		ctx.fillRect(0, 0, 1280, 720);
		// His head and shoulders (the top of his photo) filling the height: a face of ~270 px.
		const k = biden.height / 720;
		ctx.drawImage(biden, 60 * k, 0, 240 * k, 300 * k, 0, 0, 576, 720);
		// obama's middle of the video frame at 3/4 size: a face of ~100 px.
		ctx.drawImage(video, 300, 0, 700, 720, 755, 180, 525, 540);
		const target = new mb.BufferTarget();
		const output = new mb.Output({ format: new mb.WebMOutputFormat(), target });
		const source = new mb.CanvasSource(canvas, { codec: 'vp8', bitrate: 4e6 });
		output.addVideoTrack(source, { frameRate: 10 });
		await output.start();
		for (let i = 0; i < 30; i++) await source.add(i / 10, 1 / 10);
		await output.finalize();
		const bytes = new Uint8Array(target.buffer);
		let text = '';
		for (const byte of bytes) text += String.fromCharCode(byte);
		return btoa(text);
	})()`);
	return {
		name: 'both_people.webm',
		mimeType: 'video/webm',
		buffer: Buffer.from(base64, 'base64')
	};
}

/**
 * A face from megamind as a photo: the keyframe with the largest face that the app itself takes
 * from the animated clip, in a library of its own (so its characters are nobody in ours).
 */
async function megamindFace(browser: Browser, baseURL: string) {
	const context = await browser.newContext({ baseURL });
	const page = await context.newPage();
	await startBatch(page, ['megamind_vp9.webm']);
	expect(await waitForFinal(page, 'megamind_vp9.webm')).toBe('completed');
	const base64 = await page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open('key-face-frame');
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const all = await new Promise<{ image: Blob; faces: { width: number }[] }[]>((resolve) => {
			const get = db.transaction('keyframes').objectStore('keyframes').getAll();
			get.onsuccess = () => resolve(get.result);
		});
		const side = (k: (typeof all)[number]) => Math.max(...k.faces.map((f) => f.width));
		const best = all.reduce((a, b) => (side(b) > side(a) ? b : a));
		const bytes = new Uint8Array(await best.image.arrayBuffer());
		let text = '';
		for (const byte of bytes) text += String.fromCharCode(byte);
		return btoa(text);
	});
	await context.close();
	return { name: 'megamind.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(base64, 'base64') };
}

test.describe('people_two.mp4 in the library', () => {
	test('gives two persons, each holding exactly its own segments’ keyframes; edits persist', async ({
		page,
		browser,
		baseURL
	}) => {
		const megamind = await megamindFace(browser, baseURL!);
		await processVideo(page);
		const times = await allKeyframeTimes(page);

		await page.goto('/people');
		const ids = await personIds(page, 2);
		const byPerson = new Map<string, number[]>();
		for (const id of ids) byPerson.set(id, await keyframeTimes(page, id));
		const who = new Map<string, string>();
		for (const [id, own] of byPerson) {
			const names = new Set(own.map(personAt));
			expect(names.size, `person ${id} holds frames of ${[...names]}`).toBe(1);
			who.set(id, [...names][0]);
		}
		expect(new Set(who.values())).toEqual(new Set(['obama', 'biden']));
		// Every keyframe belongs to the one person on screen then.
		for (const t of times) {
			const holder = [...byPerson].filter(([, own]) => own.includes(t)).map(([id]) => who.get(id));
			expect(holder, `keyframe at ${t}s`).toEqual([personAt(t)]);
		}

		// A rename persists across a reload made at once (the write still in flight then).
		const obama = [...who].find(([, name]) => name === 'obama')![0];
		const biden = [...who].find(([, name]) => name === 'biden')![0];
		const card = await renamePerson(page, obama, 'Barack Obama');
		await page.reload();
		await expect(card.getByTestId('person-name')).toHaveValue('Barack Obama');

		// Find from a photo: obama's reference finds his card; a megamind face finds nobody.
		await page.getByTestId('reference-photo').setInputFiles(fixture('people_ref_obama.jpg'));
		await expect(page.getByTestId('find-result')).toHaveAttribute('data-person-id', obama, {
			timeout: 60_000
		});
		await expect(page.getByTestId('find-result')).toContainText('Barack Obama');
		await page.getByTestId('reference-photo').setInputFiles(megamind);
		await expect(page.getByTestId('find-result')).toHaveAttribute('data-person-id', '', {
			timeout: 60_000
		});
		await expect(page.getByTestId('find-result')).toContainText('No match');
		// biden's reference is another photo than the video's, and still finds him.
		await page.getByTestId('reference-photo').setInputFiles(fixture('people_ref_biden.jpg'));
		await expect(page.getByTestId('find-result')).toHaveAttribute('data-person-id', biden, {
			timeout: 60_000
		});

		// Hide, then show hidden; both persist.
		await page.locator(`[data-person-id="${biden}"]`).getByTestId('person-hide').click();
		await expect(page.getByTestId('person')).toHaveCount(1);
		await page.reload();
		await expect(page.getByTestId('person')).toHaveCount(1);
		await page.getByTestId('people-show-hidden').check();
		await expect(page.getByTestId('person')).toHaveCount(2);
		await page.locator(`[data-person-id="${biden}"]`).getByTestId('person-hide').click();
		await page.getByTestId('people-show-hidden').uncheck();
		await expect(page.getByTestId('person')).toHaveCount(2);

		// Move one of obama's faces to a new person, then merge that person back into him; each
		// persists across a reload made at once.
		const obamaFrames = (await keyframeTimes(page, obama)).length;
		expect(obamaFrames).toBeGreaterThan(1);
		const first = page.getByTestId('person-keyframe').first();
		await first.getByTestId('face-move-target').selectOption({ index: 1 });
		await first.getByTestId('face-move').click();
		await page.reload();
		await expect(page.getByTestId('person-keyframe')).toHaveCount(obamaFrames - 1);
		await page.goto('/people');
		const three = await personIds(page, 3);
		const moved = three.find((id) => id !== obama && id !== biden)!;
		const movedCard = page.locator(`[data-person-id="${moved}"]`);
		await movedCard.getByTestId('person-merge-target').selectOption(obama);
		await movedCard.getByTestId('person-merge').click();
		await page.reload();
		await personIds(page, 2);
		expect((await keyframeTimes(page, obama)).length).toBe(obamaFrames);
	});

	test('Trash hides the video’s persons, restore brings them back, hard delete removes them', async ({
		page
	}) => {
		await processVideo(page);
		await page.goto('/people');
		await personIds(page, 2);

		await page.goto('/history');
		await page.getByTestId('history-row').getByTestId('delete-video').click();
		await page.getByTestId('delete-soft').click();
		// Moving to the Trash is not a pending edit yet: a page left before it is written loses
		// it (the video stays where it was; nothing is lost). Wait until the page shows it done.
		await expect(page.getByTestId('history-row')).toHaveCount(0);
		await page.goto('/people');
		await expect(page.getByTestId('people-empty')).toBeVisible();

		await page.goto('/trash');
		await page.getByTestId('trash-row').getByTestId('restore-video').click();
		await expect(page.getByTestId('trash-row')).toHaveCount(0);
		await page.goto('/people');
		await personIds(page, 2);

		await page.goto('/history');
		await page.getByTestId('history-row').getByTestId('delete-video').click();
		await page.getByTestId('delete-hard').click();
		await page.getByTestId('confirm-hard').click();
		await expect(page.getByTestId('history-row')).toHaveCount(0);
		const { faces, persons } = await readStores(page, ['faces', 'persons']);
		expect(faces).toHaveLength(0);
		expect(persons).toHaveLength(0);
	});
});

for (const [photo, person] of [
	['people_ref_obama.jpg', 'obama'],
	['people_ref_biden.jpg', 'biden']
] as const) {
	test(`a reference photo on New batch (${photo}) keeps only ${person}'s frames, each of his segments`, async ({
		page
	}) => {
		await page.goto('/');
		await page.getByTestId('reference-photo').setInputFiles(fixture(photo));
		await expect(page.getByTestId('reference-photo-status')).toHaveAttribute(
			'data-state',
			'chosen',
			{ timeout: 60_000 }
		);
		await processVideo(page);
		const times = await allKeyframeTimes(page);
		expect(times.length).toBeGreaterThan(0);
		for (const t of times) expect(personAt(t), `keyframe at ${t}s`).toBe(person);
		const own = SEGMENTS.flatMap((s, i) => (s.person === person ? [i] : []));
		expect([...segmentsOf(times)].sort()).toEqual(own);

		// Re-tuning chooses from his frames as the run did: down to one and back to the run's 20
		// gives the run's keyframes again (his shots alike are not near-duplicates there either).
		const { keyframes } = await readStores(page, ['keyframes']);
		const original = keyframes.map((k) => k.frameIndex as number).sort((a, b) => a - b);
		await videoRow(page, VIDEO).getByRole('link', { name: 'Open keyframes' }).click();
		const cards = page.getByTestId('keyframe');
		await expect(cards).toHaveCount(original.length);
		const maxFrames = page.getByTestId('retune-max-frames');
		for (const [max, count] of [
			[1, 1],
			[20, original.length]
		]) {
			await maxFrames.fill(String(max));
			await maxFrames.press('Enter');
			await expect(cards).toHaveCount(count);
		}
		const shown = await cards.evaluateAll((els) =>
			els.map((e) => Number(e.getAttribute('data-frame-index')))
		);
		expect(shown.sort((a, b) => a - b)).toEqual(original);
	});
}

test('a reference run scores its person’s face, not the larger face beside it', async ({
	page
}) => {
	await page.goto('/');
	const file = await bothPeopleVideo(page);
	await page.getByTestId('reference-photo').setInputFiles(fixture('people_ref_obama.jpg'));
	await expect(page.getByTestId('reference-photo-status')).toHaveAttribute('data-state', 'chosen', {
		timeout: 60_000
	});
	await page.getByTestId('file-input').setInputFiles(file);
	await setOptionsAndStart(page, {});
	expect(await waitForFinal(page, file.name)).toBe('completed');

	type Face = { x: number; width: number; height: number };
	type Scored = { faces: Face[]; subject?: number };
	const { keyframes, candidates, videos } = await readStores(page, [
		'keyframes',
		'candidates',
		'videos'
	]);
	const [width, height] = [videos[0].width as number, videos[0].height as number];
	// obama is the smaller face on the right: every frame is scored on him, and the frames
	// re-tuning chooses from are his too.
	const onObama = (frame: Scored) => {
		expect(frame.faces).toHaveLength(2);
		const face = frame.faces[frame.subject!];
		expect(face.x).toBeGreaterThan(700);
		expect(face.width).toBeLessThan(Math.max(...frame.faces.map((f) => f.width)));
		return face;
	};
	expect(keyframes.length).toBeGreaterThan(0);
	expect(candidates.length).toBeGreaterThanOrEqual(keyframes.length);
	for (const frame of [...keyframes, ...candidates] as Scored[]) onObama(frame);

	// The review explains the score by his face: its size factor is his face's.
	const first = keyframes[0] as Scored & { frameIndex: number };
	const obama = onObama(first);
	const area = (obama.width * obama.height) / (width * height);
	await videoRow(page, file.name).getByRole('link', { name: 'Open keyframes' }).click();
	await page.locator(`[data-testid="keyframe"][data-frame-index="${first.frameIndex}"]`).click();
	const size = page.getByTestId('score-factors').locator('[data-factor="size"]');
	expect(Number(await size.getAttribute('data-value'))).toBeCloseTo(area / (area + 0.01), 2);
});

test('people_two.mp4 and a video of both side by side give one person each, never mixed', async ({
	page
}) => {
	await page.goto('/');
	const both = await bothPeopleVideo(page);
	const two = { name: VIDEO, mimeType: 'video/mp4', buffer: readFileSync(fixture(VIDEO)) };
	await page.getByTestId('file-input').setInputFiles([two, both]);
	await setOptionsAndStart(page, {});
	expect(await waitForFinal(page, VIDEO)).toBe('completed');
	expect(await waitForFinal(page, both.name)).toBe('completed');

	type Keyframe = { videoId: string; frameIndex: number; timeSec: number; faces: { x: number }[] };
	type Face = { videoId: string; frameIndex: number; faceIndex: number; personId: string };
	// People embeds each video's faces once its run has completed.
	let stores: Record<string, Record<string, unknown>[]> = {};
	await expect(async () => {
		stores = await readStores(page, ['keyframes', 'faces', 'videos']);
		const shown = (stores.keyframes as Keyframe[]).reduce((n, k) => n + k.faces.length, 0);
		expect(stores.faces.length).toBe(shown);
	}).toPass({ timeout: 60_000 });
	const videoOf = new Map(stores.videos.map((v) => [v.name as string, v.id as string]));
	const keyframes = new Map(
		(stores.keyframes as Keyframe[]).map((k) => [`${k.videoId}/${k.frameIndex}`, k])
	);
	// Who each face is: in people_two.mp4 the one on screen then; side by side, biden on the left.
	const truth = (face: Face) => {
		const keyframe = keyframes.get(`${face.videoId}/${face.frameIndex}`)!;
		if (face.videoId === videoOf.get(VIDEO)) return personAt(keyframe.timeSec);
		return keyframe.faces[face.faceIndex].x < 640 ? 'biden' : 'obama';
	};
	const personOf = new Map<string, Set<string>>();
	for (const face of stores.faces as Face[]) {
		const who = truth(face);
		personOf.set(who, (personOf.get(who) ?? new Set()).add(face.personId));
	}
	expect([...personOf.keys()].sort()).toEqual(['biden', 'obama']);
	const [biden, obama] = [personOf.get('biden')!, personOf.get('obama')!];
	expect(biden.size, 'biden is one person').toBe(1);
	expect(obama.size, 'obama is one person').toBe(1);
	expect([...biden][0]).not.toBe([...obama][0]);
	const sideBySide = (stores.faces as Face[]).filter((f) => f.videoId === videoOf.get(both.name));
	expect(sideBySide.length, 'both faces of each side-by-side keyframe').toBeGreaterThanOrEqual(2);

	await page.goto('/people');
	expect(new Set(await personIds(page, 2))).toEqual(new Set([...biden, ...obama]));
});

test('bad reference photos are refused with the reason', async ({ page }) => {
	await page.goto('/');
	const input = page.getByTestId('reference-photo');
	const status = page.getByTestId('reference-photo-status');

	await input.setInputFiles(fixture('not_a_video.mp4'));
	await expect(status).toHaveAttribute('data-state', 'not-image', { timeout: 60_000 });
	await expect(status).toContainText('not_a_video.mp4');

	const damaged = readFileSync(fixture('people_ref_obama.jpg')).subarray(0, 600);
	await input.setInputFiles({ name: 'damaged.jpg', mimeType: 'image/jpeg', buffer: damaged });
	await expect(status).toHaveAttribute('data-state', 'not-image', { timeout: 60_000 });
	await expect(status).toContainText('damaged.jpg');

	await input.setInputFiles(await drawnPicture(page, 'landscape.jpg', 'no-face'));
	await expect(status).toHaveAttribute('data-state', 'no-face', { timeout: 60_000 });
	await expect(status).toContainText('No face');

	await input.setInputFiles(await drawnPicture(page, 'two.jpg', 'two-people'));
	await expect(status).toHaveAttribute('data-state', 'several', { timeout: 60_000 });
	await expect(page.getByTestId('reference-face')).toHaveCount(2);
	// Start waits for the choice.
	await page.getByTestId('file-input').setInputFiles(fixture(VIDEO));
	await expect(page.getByTestId('start-batch')).toBeDisabled();
	await page.getByTestId('reference-face').first().click();
	await expect(status).toHaveAttribute('data-state', 'chosen');
	await expect(page.getByTestId('start-batch')).toBeEnabled();
});

test.describe('without the recognition model', () => {
	test.use({ serviceWorkers: 'block' });

	test('extraction goes on as before and People says why it is unavailable', async ({
		page,
		context
	}) => {
		await context.route('**/vendor/models/face_recognition_model*', (route) => route.abort());
		await processVideo(page);
		expect((await allKeyframeTimes(page)).length).toBeGreaterThan(0);
		await page.goto('/people');
		await expect(page.getByTestId('people-unavailable')).toBeVisible({ timeout: 60_000 });
		await expect(page.getByTestId('people-empty')).toBeVisible();
	});
});
