// Keyframe review and annotation on the built site: one real video is processed once, then each
// test works on its own keyframes of it.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startBatch, videoRow, waitForFinal, watchPage } from '../support/app-driver';
import { readStores } from '../support/browser-db';

const VIDEO = 'megamind_h264.mp4';

interface AnnotationPut {
	/** performance.now() at the put() call. */
	at: number;
	frameIndex: number;
	notes: string;
}

declare global {
	interface Window {
		__annotationPuts: AnnotationPut[];
		__annotationTransactions: number;
		__failAnnotationWrites: boolean;
	}
}

/**
 * Counts what really reaches IndexedDB: every put/add on the `annotations` store and every
 * read-write transaction over it. `__failAnnotationWrites` makes those puts throw, like a full disk.
 */
function countAnnotationWrites() {
	window.__annotationPuts = [];
	window.__annotationTransactions = 0;
	window.__failAnnotationWrites = false;
	const proto = IDBObjectStore.prototype;
	for (const method of ['put', 'add'] as const) {
		const original = proto[method];
		proto[method] = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
			if (this.name === 'annotations') {
				const row = value as { frameIndex: number; notes: string };
				window.__annotationPuts.push({
					at: performance.now(),
					frameIndex: row.frameIndex,
					notes: row.notes
				});
				if (window.__failAnnotationWrites)
					throw new DOMException('Quota exceeded (test)', 'QuotaExceededError');
			}
			return original.call(this, value, key);
		};
	}
	const transaction = IDBDatabase.prototype.transaction;
	IDBDatabase.prototype.transaction = function (
		this: IDBDatabase,
		stores: string | string[],
		mode?: IDBTransactionMode,
		options?: IDBTransactionOptions
	) {
		if (mode === 'readwrite' && [stores].flat().includes('annotations'))
			window.__annotationTransactions++;
		return transaction.call(this, stores, mode, options);
	};
}

/** What IndexedDB holds for the video's annotations, read past the app. */
async function storedAnnotations(page: Page) {
	const { annotations } = await readStores(page, ['annotations']);
	return annotations as { frameIndex: number; notes: string; tags: string[]; deleted: boolean }[];
}

let page: Page;
let watch: ReturnType<typeof watchPage>;
let reviewUrl: string;
let frames: number[];

const card = (frameIndex: number): Locator =>
	page.locator(`[data-testid="keyframe"][data-frame-index="${frameIndex}"]`);
const notes = () => page.getByTestId('keyframe-notes');
const saved = () => expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');

async function openReview() {
	await page.goto(reviewUrl);
	await expect(page.getByTestId('keyframe')).toHaveCount(frames.length);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
	test.setTimeout(240_000);
	page = await browser.newPage();
	watch = watchPage(page);
	await page.addInitScript(countAnnotationWrites);
	// Sample every 2nd frame and lift the one-per-shot limit, so the ~11 s clip of four shots
	// gives enough keyframes for a bulk edit of ten (the newly chosen extracted meanwhile).
	await startBatch(page, [VIDEO], { sampleRate: 2, maxFrames: 20 });
	expect(await waitForFinal(page, VIDEO, 200_000)).toBe('completed');
	await videoRow(page, VIDEO).getByRole('link', { name: 'Open keyframes' }).click();
	await expect(page.getByTestId('keyframe').first()).toBeVisible();
	await page.getByTestId('retune-one-per-shot').uncheck();
	await expect(page.getByTestId('retune-status')).toHaveText(/Tuned/, { timeout: 120_000 });
	reviewUrl = page.url();
	frames = await page
		.getByTestId('keyframe')
		.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-frame-index'))));
	expect(frames.length).toBeGreaterThanOrEqual(10);
});

test.afterAll(async () => {
	await page.close();
});

test('header: what the video is, how it was processed, kept / total, editable video tags', async () => {
	await openReview();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(VIDEO);
	await expect(page.locator('.facts')).toContainText('640×');
	await expect(page.locator('.facts')).toContainText('h264');
	await expect(page.locator('.facts')).toContainText('one frame in 2 sampled · max 20');
	await expect(page.getByTestId('keyframe-count')).toHaveText(
		`${frames.length} kept / ${frames.length}`
	);
	await expect(page.getByRole('link', { name: '← History' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Batch' })).toBeVisible();
	// Time, score and face count on every card.
	await expect(card(frames[0])).toContainText(/\d\d:\d\d:\d\d\.\d{3}/);
	await expect(card(frames[0])).toContainText(/score \d\.\d\d · \d+ faces?/);

	await page.getByTestId('video-tags').fill('animation');
	await page.getByTestId('video-tags').press('Enter');
	// Stored even when the page is left at once.
	await page.reload();
	await expect(page.locator('.video-header').getByTestId('tag-chip')).toHaveText(['animation']);
	await openReview();
	await expect(page.locator('.video-header').getByTestId('tag-chip')).toHaveText(['animation']);
});

test('Chinese notes, a tag and a delete mark survive an immediate reload', async () => {
	await openReview();
	const first = frames[0];
	await card(first).click();
	await notes().fill('第一帧：主角正脸');
	await page.getByTestId('keyframe-tags').fill('hero');
	await page.getByTestId('keyframe-tags').press('Enter');
	await page.getByTestId('keyframe-delete').click();
	await expect(card(first)).toHaveAttribute('data-deleted', 'true');
	await expect(page.getByTestId('keyframe-count')).toHaveText(
		`${frames.length - 1} kept / ${frames.length}`
	);
	// No waiting for "Saved": the page is reloaded while the tag and mark are still queued.
	await page.reload();
	await expect(card(first)).toHaveAttribute('data-deleted', 'true');
	await expect(card(first).getByTestId('badge-tag')).toHaveText('hero');
	await card(first).click();
	await expect(notes()).toHaveValue('第一帧：主角正脸');
	await expect(page.getByTestId('keyframe-editor').getByTestId('tag-chip')).toHaveText(['hero']);
	await expect(page.getByTestId('keyframe-delete')).toHaveAttribute('aria-pressed', 'true');
	expect((await storedAnnotations(page)).find((a) => a.frameIndex === first)).toMatchObject({
		notes: '第一帧：主角正脸',
		tags: ['hero'],
		deleted: true
	});
	// Restorable.
	await page.getByTestId('keyframe-delete').click();
	await expect(card(first)).toHaveAttribute('data-deleted', 'false');
});

test('typing a paragraph quickly writes at most once per 500 ms for that keyframe', async () => {
	await openReview();
	const target = frames[1];
	await card(target).click();
	await notes().click();
	await page.evaluate(() => (window.__annotationPuts = []));
	const paragraph =
		'The hero turns to the camera, both eyes visible, soft light from the left; ' +
		'a good frame for the poster. The villain is out of focus behind him. ' +
		'Keep this one and compare with the next shot before deciding.';
	const started = Date.now();
	await page.keyboard.type(paragraph, { delay: 15 });
	const typingMs = Date.now() - started;
	await saved();
	await expect(notes()).toHaveValue(paragraph);

	const puts = await page.evaluate(() => window.__annotationPuts);
	const mine = puts.filter((p) => p.frameIndex === target);
	expect(puts.length).toBe(mine.length);
	const gaps = mine.slice(1).map((p, i) => Math.round(p.at - mine[i].at));
	console.log(
		`typed ${paragraph.length} characters in ${typingMs} ms: ${mine.length} writes, gaps ${gaps.join(', ')} ms`
	);
	expect(mine.length).toBeGreaterThanOrEqual(1);
	expect(mine.length).toBeLessThanOrEqual(Math.ceil(typingMs / 500) + 1);
	for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(500);
	expect(mine.at(-1)?.notes).toBe(paragraph);
});

test('leaving right after typing loses nothing (in-app link, then a full page load)', async () => {
	await openReview();
	const [a, b] = [frames[2], frames[3]];
	await card(a).click();
	await notes().fill('left through the History link');
	await page.getByRole('link', { name: 'History', exact: true }).click();
	await page.waitForURL(/\/history/);
	await openReview();
	await card(a).click();
	await expect(notes()).toHaveValue('left through the History link');

	await card(b).click();
	await notes().click();
	await page.keyboard.type('closed mid-sentence');
	await page.goto('/history');
	await openReview();
	await card(b).click();
	await expect(notes()).toHaveValue('closed mid-sentence');
});

test('undo restores the previous note, redo brings the new one back', async () => {
	await openReview();
	const target = frames[4];
	await card(target).click();
	await notes().fill('first version');
	await notes().press('Escape'); // back to the gallery: ends this undo step
	await expect(card(target)).toBeFocused();
	await page.keyboard.press('n');
	await notes().fill('second version');
	await notes().press('Escape');
	await page.keyboard.press('Control+z');
	await expect(notes()).toHaveValue('first version');
	await saved();
	expect((await storedAnnotations(page)).find((a) => a.frameIndex === target)?.notes).toBe(
		'first version'
	);
	await page.keyboard.press('Control+Shift+z');
	await expect(notes()).toHaveValue('second version');
	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(notes()).toHaveValue('first version');
});

test('user text is shown as text, never as markup', async () => {
	await openReview();
	const target = frames[5];
	await card(target).click();
	await notes().fill('<b>x</b>');
	await page.getByTestId('keyframe-tags').fill('<i>y</i>');
	await page.getByTestId('keyframe-tags').press('Enter');
	await expect(card(target).getByTestId('badge-tag')).toHaveText('<i>y</i>');
	await expect(card(target).getByTestId('badge-notes')).toHaveAttribute('title', '<b>x</b>');
	await page.getByRole('button', { name: 'View full size' }).click();
	const shown = page.getByTestId('lightbox-notes');
	await expect(shown).toHaveText('<b>x</b>');
	await expect(shown.locator('b')).toHaveCount(0);
	await expect(page.locator('main i, dialog i')).toHaveCount(0);
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('lightbox')).toHaveCount(0);
});

test('a failed write keeps the typed text with the error, and Retry saves it', async () => {
	await openReview();
	const target = frames[6];
	await card(target).click();
	await page.evaluate(() => (window.__failAnnotationWrites = true));
	await notes().fill('this will not fit');
	await notes().press('Escape'); // blur flushes
	await expect(page.getByTestId('save-error')).toContainText('storage is full');
	await expect(page.getByTestId('save-error')).toContainText('kept here');
	await expect(notes()).toHaveValue('this will not fit');
	await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'failed');
	// Leaving with unsaved edits asks first; declining keeps the page and the text.
	page.once('dialog', (dialog) => void dialog.dismiss());
	await page.getByRole('link', { name: 'History' }).first().click();
	await expect(notes()).toHaveValue('this will not fit');
	await page.evaluate(() => (window.__failAnnotationWrites = false));
	await page.getByTestId('save-retry').click();
	await saved();
	await expect(page.getByTestId('save-error')).toHaveCount(0);
	expect((await storedAnnotations(page)).find((a) => a.frameIndex === target)?.notes).toBe(
		'this will not fit'
	);
});

test('bulk: tag ten keyframes in one transaction, then mark and restore them', async () => {
	await openReview();
	const ten = frames.slice(0, 10);
	await card(ten[0]).click();
	await card(ten[9]).click({ modifiers: ['Shift'] });
	await expect(page.getByTestId('selection-count')).toHaveText('10 selected');
	await page.evaluate(() => {
		window.__annotationPuts = [];
		window.__annotationTransactions = 0;
	});
	await page.getByTestId('bulk-tag').fill('crowd');
	await page.getByTestId('bulk-add-tag').click();
	for (const f of ten)
		await expect(card(f).getByTestId('badge-tag').filter({ hasText: 'crowd' })).toHaveCount(1);
	await saved();
	const counts = await page.evaluate(() => ({
		puts: window.__annotationPuts.length,
		transactions: window.__annotationTransactions
	}));
	console.log(`bulk tag of 10: ${counts.puts} puts in ${counts.transactions} transaction(s)`);
	expect(counts).toEqual({ puts: 10, transactions: 1 });

	await page.getByTestId('bulk-delete').click();
	for (const f of ten) await expect(card(f)).toHaveAttribute('data-deleted', 'true');
	await page.reload();
	const stored = await storedAnnotations(page);
	for (const f of ten) {
		const row = stored.find((a) => a.frameIndex === f);
		expect(row?.tags).toContain('crowd');
		expect(row?.deleted).toBe(true);
	}
	// Notes written earlier were kept by the bulk edits.
	expect(stored.find((a) => a.frameIndex === frames[0])?.notes).toBe('第一帧：主角正脸');
	// The shortcut needs the reloaded gallery (on a busy machine it may still be loading).
	await expect(page.getByTestId('keyframe')).toHaveCount(frames.length);
	await page.keyboard.press('Control+a');
	await expect(page.getByTestId('selection-count')).toHaveText(`${frames.length} selected`);
	await page.getByTestId('bulk-restore').click();
	for (const f of ten) await expect(card(f)).toHaveAttribute('data-deleted', 'false');
});

test('keyboard only: move, select, annotate, delete, open, help', async () => {
	await openReview();
	const [a, b] = frames;
	await page.keyboard.press('ArrowRight');
	await expect(card(a)).toBeFocused();
	await expect(card(a)).toHaveAttribute('aria-current', 'true');
	await expect(page.locator('[data-testid="keyframe"]:focus-visible')).toHaveCount(1);
	await page.keyboard.press('ArrowRight');
	await expect(card(b)).toBeFocused();
	const columns = await page
		.locator('.gallery')
		.evaluate((g) => getComputedStyle(g).gridTemplateColumns.split(' ').length);
	await page.keyboard.press('ArrowDown');
	await expect(card(frames[1 + columns])).toBeFocused();
	await page.keyboard.press('Home');
	await expect(card(a)).toBeFocused();

	// Space toggles keyframes in and out of the multi-selection; Esc clears it.
	await page.keyboard.press('Space');
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('Space');
	await expect(page.getByTestId('selection-count')).toHaveText('2 selected');
	await expect(card(a)).toHaveAttribute('aria-pressed', 'true');
	await page.keyboard.press('Space');
	await expect(page.getByTestId('selection-count')).toHaveText('1 selected');
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('bulk-bar')).toHaveCount(0);

	// N: notes. Letters that are shortcuts elsewhere (d, n, t, space) are just text here.
	await page.keyboard.press('n');
	await expect(notes()).toBeFocused();
	await page.keyboard.type('added by keyboard, then tagged');
	await expect(card(b)).toHaveAttribute('data-deleted', 'false');
	await page.keyboard.press('Escape');
	await expect(card(b)).toBeFocused();
	await expect(notes()).toHaveValue(/added by keyboard, then tagged$/);

	await page.keyboard.press('d');
	await expect(card(b)).toHaveAttribute('data-deleted', 'true');
	await page.keyboard.press('Delete');
	await expect(card(b)).toHaveAttribute('data-deleted', 'false');

	await page.keyboard.press('t');
	await expect(page.getByTestId('keyframe-tags')).toBeFocused();
	await page.keyboard.type('keyboard');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('keyframe-editor').getByTestId('tag-chip')).toContainText([
		'keyboard'
	]);
	await page.keyboard.press('Escape');

	// Enter opens the full-size view; arrows page through; Esc closes back onto the keyframe.
	await page.keyboard.press('Enter');
	const lightbox = page.getByTestId('lightbox');
	await expect(lightbox).toBeVisible();
	await expect(lightbox.getByTestId('face-boxes')).toBeVisible();
	await expect(lightbox.locator('img')).toHaveJSProperty('complete', true);
	await page.keyboard.press('ArrowRight');
	await expect(lightbox.getByRole('heading')).toContainText(`frame ${frames[2]}`);
	await page.keyboard.press('Escape');
	await expect(lightbox).toHaveCount(0);
	await expect(card(frames[2])).toBeFocused();

	await page.keyboard.press('?');
	await expect(page.getByTestId('shortcuts-help')).toBeVisible();
	await expect(page.getByTestId('shortcuts-help')).toContainText('Mark deleted');
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('shortcuts-help')).toHaveCount(0);

	await page.keyboard.press('Control+a');
	await expect(page.getByTestId('selection-count')).toHaveText(`${frames.length} selected`);
});

test('face boxes on the thumbnails, full resolution in the lightbox, play from here', async () => {
	await openReview();
	await expect(page.getByTestId('face-boxes')).toHaveCount(0);
	await page.getByTestId('toggle-faces').check();
	await expect(page.locator('[data-testid="keyframe"] [data-testid="face-boxes"]')).toHaveCount(
		frames.length
	);
	const target = frames[3];
	const time = Number(await card(target).getAttribute('data-time'));
	await card(target).dblclick();
	const lightbox = page.getByTestId('lightbox');
	const natural = await lightbox.locator('img').evaluate(async (img: HTMLImageElement) => {
		await img.decode();
		return img.naturalWidth;
	});
	expect(natural).toBe(640);
	await lightbox.getByTestId('play-from-here').click();
	const video = lightbox.getByTestId('lightbox-video');
	await expect(video).toBeVisible();
	await expect
		.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 15_000 })
		.toBeGreaterThanOrEqual(time - 0.05);
});

test('the lightbox zooms 1×–8× by wheel and buttons, pans by drag, and resets on the next frame', async () => {
	await openReview();
	await card(frames[1]).dblclick();
	const lightbox = page.getByTestId('lightbox');
	const zoom = lightbox.getByTestId('lightbox-zoom');
	await expect(zoom).toHaveAttribute('data-zoom', '1.00');
	const box = (await zoom.boundingBox())!;
	// The wheel zooms about the cursor: the top-left quarter's point under it stays put.
	await page.mouse.move(box.x + box.width / 4, box.y + box.height / 4);
	for (let i = 0; i < 30; i++) await page.mouse.wheel(0, -200);
	await expect(zoom).toHaveAttribute('data-zoom', '8.00');
	const matrix = () => zoom.evaluate((el) => new DOMMatrix(getComputedStyle(el).transform));
	const zoomed = await matrix();
	expect(zoomed.a).toBeCloseTo(8);
	// The cursor's picture point is where it was, within a pixel of the page (8 px at 8×).
	expect(Math.abs(zoomed.e + 7 * (box.width / 4))).toBeLessThan(8);
	expect(Math.abs(zoomed.f + 7 * (box.height / 4))).toBeLessThan(8);
	// A drag moves the picture with the pointer.
	await page.mouse.down();
	await page.mouse.move(box.x + box.width / 4 + 40, box.y + box.height / 4 + 20, { steps: 4 });
	await page.mouse.up();
	const dragged = await matrix();
	expect(dragged.e - zoomed.e).toBeCloseTo(40, 0);
	expect(dragged.f - zoomed.f).toBeCloseTo(20, 0);
	await lightbox.getByTestId('lightbox-zoom-reset').click();
	await expect(zoom).toHaveAttribute('data-zoom', '1.00');
	await lightbox.getByTestId('lightbox-zoom-in').click();
	await expect(zoom).toHaveAttribute('data-zoom', '1.50');
	await lightbox.getByTestId('lightbox-next').click();
	await expect(lightbox.getByRole('heading')).toContainText(`frame ${frames[2]}`);
	await expect(zoom).toHaveAttribute('data-zoom', '1.00');
	await page.keyboard.press('Escape');
	await expect(lightbox).toHaveCount(0);
});

test('300 keyframes: the gallery renders and follows the keyboard without lag', async () => {
	// A synthetic video holding 300 copies of this one's keyframes, written straight to IndexedDB.
	const videoId = await page.evaluate(async (sourceUrl) => {
		const sourceId = new URL(sourceUrl).pathname.split('/').pop()!;
		const idb = await new Promise<IDBDatabase>((resolve, reject) => {
			const req = indexedDB.open('key-face-frame');
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		const get = <T>(store: string, query: IDBValidKey | IDBKeyRange) =>
			new Promise<T>((resolve) => {
				const req = idb.transaction(store).objectStore(store).getAll(query);
				req.onsuccess = () => resolve(req.result as T);
			});
		const [video] = await get<{ id: string; name: string }[]>('videos', sourceId);
		const source = await get<{ videoId: string; frameIndex: number; id: string }[]>(
			'keyframes',
			IDBKeyRange.lowerBound('')
		);
		const mine = source.filter((k) => k.videoId === sourceId);
		const id = crypto.randomUUID();
		const tx = idb.transaction(['videos', 'keyframes'], 'readwrite');
		tx.objectStore('videos').put({ ...video, id, name: 'three hundred.mp4', keyframeCount: 300 });
		for (let i = 0; i < 300; i++) {
			const k = mine[i % mine.length];
			tx.objectStore('keyframes').put({
				...k,
				id: crypto.randomUUID(),
				videoId: id,
				frameIndex: i * 3,
				timeSec: i * 0.125
			});
		}
		await new Promise((resolve) => (tx.oncomplete = resolve));
		idb.close();
		return id;
	}, reviewUrl);

	await page.goto(`/videos/${videoId}`);
	await expect(page.getByTestId('keyframe')).toHaveCount(300);
	const listedMs = await page.evaluate(() => Math.round(performance.now()));
	await page.keyboard.press('ArrowRight');
	await expect(card(0)).toBeFocused();
	// In the page: 40 arrow presses, each until the next keyframe has focus and a frame was drawn.
	const perKeyMs = await page.evaluate(async () => {
		const frame = () => new Promise((r) => setTimeout(r, 0));
		const started = performance.now();
		for (let i = 0; i < 40; i++) {
			const before = document.activeElement;
			before?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
			while (document.activeElement === before) await frame();
		}
		return (performance.now() - started) / 40;
	});
	await expect(card(40 * 3)).toBeFocused();
	await page.keyboard.press('End');
	await expect(card(299 * 3)).toBeFocused();
	await expect(card(299 * 3).locator('img')).toBeVisible();
	console.log(
		`300 keyframes: listed ${listedMs} ms after navigation, ${perKeyMs.toFixed(0)} ms per arrow key`
	);
	expect(perKeyMs).toBeLessThan(100);
});

test('no console errors and nothing fetched from another origin along the way', () => {
	expect(watch.errors).toEqual([]);
	expect(watch.foreign).toEqual([]);
});
