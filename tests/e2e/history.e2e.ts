// History, tags, Trash and storage on the built site, from 45 videos written straight into
// IndexedDB (tests/e2e/seed-db.ts), plus one real video processed with originals off.
import { expect, test, type Page } from '@playwright/test';
import type { AnnotationRecord } from '../../src/lib/db/types';
import { startBatch, waitForFinal, watchPage } from '../support/app-driver';
import {
	DAY,
	seedBatch,
	seedDb,
	seedVideo,
	storedOf,
	type SeedData,
	type SeedVideo
} from '../support/browser-db';

const HOUR = 3_600_000;
const NOW = Date.now();
const pad = (i: number) => String(i).padStart(2, '0');

/**
 * 45 videos, one created each hour, vid-44 newest: 30 completed, 5 each failed, cancelled and
 * pending (unprobed: no duration); 'beach' on every 5th, 'family' on every 7th; three named
 * "Interview …". Durations are all different.
 */
const VIDEOS: SeedVideo[] = Array.from({ length: 45 }, (_, i) => {
	const status =
		i % 9 === 0 ? 'failed' : i % 9 === 1 ? 'cancelled' : i % 9 === 2 ? 'pending' : 'completed';
	return seedVideo({
		id: `vid-${pad(i)}`,
		name: [3, 17, 29].includes(i) ? `Interview ${i}.mov` : `clip-${pad(i)}.mp4`,
		status,
		createdAt: NOW - (45 - i) * HOUR,
		durationSec: status === 'pending' ? null : ((i * 17) % 60) + 1,
		tags: [...(i % 5 === 0 ? ['beach'] : []), ...(i % 7 === 0 ? ['family'] : [])],
		keyframeCount: status === 'completed' ? (i % 6) + 1 : 0,
		thumbnail: status === 'completed',
		batchPosition: i
	});
});

/** Completed videos that also get an original, two keyframes and annotations. */
const FULL = ['vid-44', 'vid-43', 'vid-42', 'vid-41', 'vid-40'];

function annotation(videoId: string, frameIndex: number, deleted: boolean): AnnotationRecord {
	return {
		videoId,
		frameIndex,
		notes: `note ${frameIndex}`,
		tags: ['smile'],
		deleted,
		createdAt: NOW,
		updatedAt: NOW
	};
}

/** The 45 videos (and `extra` ones), with originals, keyframes and annotations for some. */
function historyData(extra: SeedVideo[] = []): SeedData {
	const full = [...FULL, ...extra.map((v) => v.id)];
	return {
		videos: [
			...VIDEOS.map((v) =>
				FULL.includes(v.id) ? { ...v, keyframeCount: 2, hasOriginal: true } : v
			),
			...extra
		],
		batches: [seedBatch('seed-batch', 'Seeded batch')],
		originals: full,
		keyframes: full.flatMap((videoId) => [
			{ videoId, frameIndex: 0 },
			{ videoId, frameIndex: 10 }
		]),
		// Frame 10 is marked deleted (left out of exports): 1 of 2 kept.
		annotations: full.flatMap((id) => [annotation(id, 0, false), annotation(id, 10, true)])
	};
}

async function seedHistory(page: Page) {
	await page.goto('/history');
	await seedDb(page, historyData());
	await page.reload();
	await expect(page.getByTestId('history-total')).toHaveAttribute('data-total', '45');
}

const rows = (page: Page) => page.getByTestId('history-row');
const row = (page: Page, id: string) =>
	page.locator(`[data-testid="history-row"][data-video-id="${id}"]`);
const tagsOf = (r: ReturnType<typeof row>) =>
	r.getByTestId('video-tag').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.tag));
const rowIds = (page: Page) =>
	rows(page).evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.videoId));

/** Ids in an order, as the history should list them. */
function ordered(
	compare: (a: SeedVideo, b: SeedVideo) => number,
	keep: (v: SeedVideo) => boolean = () => true
) {
	return VIDEOS.filter(keep)
		.sort(compare)
		.map((v) => v.id);
}
const byCreatedDesc = (a: SeedVideo, b: SeedVideo) => b.createdAt - a.createdAt;
// The index compares UTF-16 code units: "Interview" (capital I) before "clip".
const byName = (a: SeedVideo, b: SeedVideo) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
/** Longest first; unprobed (no duration) after all others, newest first. */
const byDurationDesc = (a: SeedVideo, b: SeedVideo) =>
	a.durationSec === null || b.durationSec === null
		? Number(a.durationSec === null) - Number(b.durationSec === null) || byCreatedDesc(a, b)
		: b.durationSec - a.durationSec;

test('history: 3 pages, sorts both ways, status and tag filters, search; URL survives reload and back', async ({
	page
}) => {
	const watch = watchPage(page);
	await seedHistory(page);

	// Page 1 of 3, newest first; thumbnails, kept/total keyframes, batch name.
	await expect.poll(() => rowIds(page)).toEqual(ordered(byCreatedDesc).slice(0, 20));
	await expect(page.getByTestId('page-link')).toHaveCount(3);
	const newest = row(page, 'vid-44');
	await expect(newest.locator('img')).toHaveAttribute('src', /^blob:/);
	await expect(newest.getByTestId('keyframes-kept')).toHaveText('1/2 keyframes kept');
	await expect(newest.getByRole('link', { name: 'Seeded batch' })).toHaveAttribute(
		'href',
		'/batches/seed-batch'
	);

	await page.getByTestId('page-link').filter({ hasText: '3' }).click();
	await expect(page).toHaveURL(/\/history\?page=3$/);
	await expect.poll(() => rowIds(page)).toEqual(ordered(byCreatedDesc).slice(40));

	// Sorts: a new sort starts again at page 1.
	await page.getByTestId('history-sort').selectOption({ label: 'Name A–Z' });
	await expect(page).toHaveURL(/\?sort=name&dir=asc$/);
	await expect.poll(() => rowIds(page)).toEqual(ordered(byName).slice(0, 20));
	await page.getByTestId('history-sort').selectOption({ label: 'Name Z–A' });
	await expect.poll(() => rowIds(page)).toEqual(ordered(byName).reverse().slice(0, 20));
	await page.getByTestId('history-sort').selectOption({ label: 'Longest first' });
	await expect.poll(() => rowIds(page)).toEqual(ordered(byDurationDesc).slice(0, 20));
	await page.getByTestId('page-link').filter({ hasText: '3' }).click();
	await expect.poll(() => rowIds(page)).toEqual(ordered(byDurationDesc).slice(40));
	await page.getByTestId('history-sort').selectOption({ label: 'Shortest first' });
	await expect
		.poll(() => rowIds(page))
		.toEqual(
			ordered((a, b) => (a.durationSec ?? Infinity) - (b.durationSec ?? Infinity) || 0).slice(0, 20)
		);
	await page.getByTestId('history-sort').selectOption({ label: 'Oldest first' });
	await expect.poll(() => rowIds(page)).toEqual(ordered(byCreatedDesc).reverse().slice(0, 20));

	// Status filter, then a tag on top of it.
	await page.getByTestId('history-sort').selectOption({ label: 'Newest first' });
	await page.getByTestId('history-status').selectOption('failed');
	await expect(page.getByTestId('history-total')).toHaveAttribute('data-total', '5');
	await expect
		.poll(() => rowIds(page))
		.toEqual(ordered(byCreatedDesc, (v) => v.status === 'failed'));
	await page.getByTestId('history-tag').selectOption('beach');
	await expect(page).toHaveURL(/\?status=failed&tag=beach$/);
	await expect
		.poll(() => rowIds(page))
		.toEqual(ordered(byCreatedDesc, (v) => v.status === 'failed' && v.tags.includes('beach')));
	await page.getByTestId('history-status').selectOption('');
	await expect(page.getByTestId('history-total')).toHaveAttribute('data-total', '9');
	await expect
		.poll(() => rowIds(page))
		.toEqual(ordered(byCreatedDesc, (v) => v.tags.includes('beach')));

	// Search by name, case-insensitive, with the tag filter cleared.
	await page.getByTestId('history-tag').selectOption('');
	await page.getByTestId('history-search').fill('interview');
	await expect(page).toHaveURL(/\?q=interview$/);
	await expect.poll(() => rowIds(page)).toEqual(['vid-29', 'vid-17', 'vid-03']);

	// Reload keeps a combined state; so does the back button.
	await page.goto('/history?tag=family&sort=name&dir=desc&page=1');
	const family = ordered(
		(a, b) => -byName(a, b),
		(v) => v.tags.includes('family')
	);
	await expect.poll(() => rowIds(page)).toEqual(family);
	await page.reload();
	await expect(page.getByTestId('history-tag')).toHaveValue('family');
	await expect(page.getByTestId('history-sort')).toHaveValue('name:desc');
	await expect.poll(() => rowIds(page)).toEqual(family);

	await page.goto('/history');
	await page.getByTestId('page-link').filter({ hasText: '2' }).click();
	await expect(page).toHaveURL(/\?page=2$/);
	await page.getByTestId('history-status').selectOption('completed');
	await expect(page.getByTestId('history-total')).toHaveAttribute('data-total', '30');
	await page.goBack();
	await expect(page).toHaveURL(/\?page=2$/);
	await expect(page.getByTestId('history-status')).toHaveValue('');
	await expect.poll(() => rowIds(page)).toEqual(ordered(byCreatedDesc).slice(20, 40));
	await page.goBack();
	await expect(page).toHaveURL(/\/history$/);
	await expect.poll(() => rowIds(page)).toEqual(ordered(byCreatedDesc).slice(0, 20));

	expect(watch.errors).toEqual([]);
	expect(watch.foreign).toEqual([]);
});

const trashRow = (page: Page, id: string) =>
	page.locator(`[data-testid="trash-row"][data-video-id="${id}"]`);

test('soft delete moves a video with its annotations to the Trash; restore and Undo bring it back', async ({
	page
}) => {
	const watch = watchPage(page);
	await seedHistory(page);

	await row(page, 'vid-44').getByTestId('delete-video').click();
	await expect(page.getByRole('dialog')).toContainText('Delete “clip-44.mp4”?');
	await page.getByTestId('delete-soft').click();
	await expect(row(page, 'vid-44')).toHaveCount(0);
	await expect(page.getByTestId('history-total')).toHaveAttribute('data-total', '44');
	await expect(page.getByTestId('toast')).toContainText('Moved 1 video to the Trash.');
	// Everything of it is still stored, only hidden.
	expect(await storedOf(page, 'vid-44')).toEqual({
		video: 1,
		original: 1,
		keyframes: 2,
		annotations: 2
	});

	await page.getByRole('navigation').getByRole('link', { name: 'Trash' }).click();
	await expect(page.getByTestId('trash-row')).toHaveCount(1);
	await expect(trashRow(page, 'vid-44')).toContainText('clip-44.mp4');
	await expect(trashRow(page, 'vid-44')).toContainText(
		`deleted ${new Date().toLocaleDateString('en-US', { dateStyle: 'medium' })}`
	);
	await trashRow(page, 'vid-44').getByTestId('restore-video').click();
	await expect(page.getByTestId('trash-empty')).toBeVisible();

	await page.getByRole('navigation').getByRole('link', { name: 'History' }).click();
	await expect(row(page, 'vid-44')).toBeVisible();
	await expect(row(page, 'vid-44').getByTestId('keyframes-kept')).toHaveText('1/2 keyframes kept');
	expect((await storedOf(page, 'vid-44')).annotations).toBe(2);

	// A normal delete offers Undo.
	await row(page, 'vid-43').getByTestId('delete-video').click();
	await page.getByTestId('delete-soft').click();
	await expect(row(page, 'vid-43')).toHaveCount(0);
	await page.getByTestId('toast-action').click();
	await expect(row(page, 'vid-43')).toBeVisible();
	await expect(page.getByTestId('toast')).toHaveCount(0);
	await expect(page.getByTestId('history-total')).toHaveAttribute('data-total', '45');

	expect(watch.errors).toEqual([]);
});

test('Move to Trash and Restore outlive a page reloaded right after the click', async ({
	page
}) => {
	const watch = watchPage(page);
	await seedHistory(page);

	await row(page, 'vid-44').getByTestId('delete-video').click();
	await page.getByTestId('delete-soft').click();
	// No waiting for the row to go: the page is reloaded at once.
	await page.reload();
	await expect(page.getByTestId('history-total')).toHaveAttribute('data-total', '44');
	await expect(row(page, 'vid-44')).toHaveCount(0);

	await page.goto('/trash');
	await trashRow(page, 'vid-44').getByTestId('restore-video').click();
	await page.reload();
	await expect(page.getByTestId('trash-empty')).toBeVisible();
	await page.goto('/history');
	await expect(page.getByTestId('history-total')).toHaveAttribute('data-total', '45');
	await expect(row(page, 'vid-44')).toBeVisible();

	expect(watch.errors).toEqual([]);
});

test('hard delete asks first, then removes row, original, keyframes and annotations at once', async ({
	page
}) => {
	const watch = watchPage(page);
	await seedHistory(page);

	await row(page, 'vid-42').getByTestId('delete-video').click();
	await page.getByTestId('delete-hard').click();
	const confirm = page.getByRole('dialog').filter({ has: page.getByTestId('confirm-hard') });
	await expect(confirm).toContainText('cannot be undone');
	// Cancel keeps everything.
	await confirm.getByRole('button', { name: 'Cancel' }).click();
	await expect(row(page, 'vid-42')).toBeVisible();

	await row(page, 'vid-42').getByTestId('delete-video').click();
	await page.getByTestId('delete-hard').click();
	await page.getByTestId('confirm-hard').click();
	await expect(row(page, 'vid-42')).toHaveCount(0);
	await expect(page.getByTestId('history-total')).toHaveAttribute('data-total', '44');
	expect(await storedOf(page, 'vid-42')).toEqual({
		video: 0,
		original: 0,
		keyframes: 0,
		annotations: 0
	});
	expect(await storedOf(page, 'vid-41')).toEqual({
		video: 1,
		original: 1,
		keyframes: 2,
		annotations: 2
	});
	await page.goto('/trash');
	await expect(page.getByTestId('trash-empty')).toBeVisible();

	expect(watch.errors).toEqual([]);
});

test('bulk delete and restore; delete forever and empty the Trash, each after a confirmation', async ({
	page
}) => {
	await seedHistory(page);

	for (const id of ['vid-44', 'vid-43', 'vid-41']) {
		await row(page, id).getByTestId('select-video').check();
	}
	await expect(page.getByTestId('selected-count')).toHaveText('3 selected');
	await page.getByTestId('bulk-delete').click();
	await expect(page.getByRole('dialog')).toContainText('Delete 3 videos?');
	await page.getByTestId('delete-soft').click();
	await expect(page.getByTestId('history-total')).toHaveAttribute('data-total', '42');
	await expect(page.getByTestId('selected-count')).toHaveCount(0);

	await page.goto('/trash');
	await expect(page.getByTestId('trash-row')).toHaveCount(3);
	await page.getByTestId('select-page').check();
	await page.getByTestId('bulk-restore').click();
	await expect(page.getByTestId('trash-empty')).toBeVisible();

	// Back to the Trash: two videos, then one forever, then empty.
	await page.goto('/history');
	for (const id of ['vid-44', 'vid-43', 'vid-40']) {
		await row(page, id).getByTestId('delete-video').click();
		await page.getByTestId('delete-soft').click();
		await expect(row(page, id)).toHaveCount(0);
	}
	await page.goto('/trash');
	await expect(page.getByTestId('trash-row')).toHaveCount(3);
	// Most recently deleted first.
	await expect(page.getByTestId('trash-row').first()).toHaveAttribute('data-video-id', 'vid-40');

	await trashRow(page, 'vid-44').getByTestId('delete-forever').click();
	await expect(page.getByRole('dialog').filter({ hasText: 'clip-44.mp4' })).toContainText(
		'cannot be undone'
	);
	await page.getByTestId('confirm-delete-forever').click();
	await expect(page.getByTestId('trash-row')).toHaveCount(2);
	expect(await storedOf(page, 'vid-44')).toEqual({
		video: 0,
		original: 0,
		keyframes: 0,
		annotations: 0
	});

	await page.getByTestId('empty-trash').click();
	await expect(page.getByRole('dialog').filter({ hasText: 'Empty the Trash' })).toContainText(
		'cannot be undone'
	);
	await page.getByTestId('confirm-empty-trash').click();
	await expect(page.getByTestId('trash-empty')).toBeVisible();
	for (const id of ['vid-43', 'vid-40']) {
		expect(await storedOf(page, id)).toEqual({
			video: 0,
			original: 0,
			keyframes: 0,
			annotations: 0
		});
	}
	expect((await storedOf(page, 'vid-41')).video).toBe(1);
	await page.goto('/history');
	await expect(page.getByTestId('history-total')).toHaveAttribute('data-total', '42');
});

test('tags edited on a row are cleaned, offered in the tag filter, and removable', async ({
	page
}) => {
	await seedHistory(page);
	const r = row(page, 'vid-44');
	await r.getByTestId('video-tag-input').fill('  Red   carpet ');
	await r.getByTestId('video-tag-input').press('Enter');
	await expect.poll(() => tagsOf(r)).toEqual(['Red carpet']);
	await r.getByTestId('video-tag-input').fill('red carpet'); // same tag, other case
	await r.getByTestId('video-tag-input').press('Enter');
	await expect(r.getByTestId('video-tag-input')).toHaveValue('');
	expect(await tagsOf(r)).toEqual(['Red carpet']);

	await page.getByTestId('history-tag').selectOption('Red carpet');
	await expect(page).toHaveURL(/\?tag=Red\+carpet$/);
	await expect.poll(() => rowIds(page)).toEqual(['vid-44']);
	await page.reload();
	await expect.poll(() => rowIds(page)).toEqual(['vid-44']);

	await r.getByRole('button', { name: 'Remove tag Red carpet' }).click();
	await expect(page.getByTestId('history-empty')).toContainText('No videos match');
});

test('start-up purges what has been in the Trash longer than the setting: 30 days, then 7', async ({
	page
}) => {
	const trashed = (id: string, days: number) =>
		seedVideo({ id, name: `${id}.mp4`, deletedAt: NOW - days * DAY, keyframeCount: 2 });
	await page.goto('/trash');
	await seedDb(
		page,
		historyData([trashed('old-31d', 31), trashed('recent-29d', 29), trashed('new-2d', 2)])
	);
	expect(await storedOf(page, 'old-31d')).toEqual({
		video: 1,
		original: 1,
		keyframes: 2,
		annotations: 2
	});

	// The next start-up deletes the 31-day-old video for good, with everything of it.
	await page.reload();
	await expect(page.getByTestId('trash-row')).toHaveCount(2);
	await expect(trashRow(page, 'old-31d')).toHaveCount(0);
	await expect
		.poll(() => storedOf(page, 'old-31d'))
		.toEqual({ video: 0, original: 0, keyframes: 0, annotations: 0 });
	expect(await storedOf(page, 'recent-29d')).toMatchObject({ video: 1, original: 1, keyframes: 2 });
	await expect(page.getByText('deleted for good 30 days after')).toBeVisible();

	await page.goto('/settings');
	await page.getByTestId('trash-days').fill('7');
	await page.getByTestId('trash-days').blur();
	await page.goto('/trash');
	await expect(page.getByTestId('trash-row')).toHaveCount(1);
	await expect(trashRow(page, 'new-2d')).toBeVisible();
	expect((await storedOf(page, 'recent-29d')).video).toBe(0);
});

test('storage settings: space, persistence, keep originals; remove an original from history', async ({
	page
}) => {
	const watch = watchPage(page);
	await page.goto('/settings');
	await expect(page.getByRole('heading', { name: 'Storage' })).toBeVisible();
	await expect(page.getByTestId('storage-usage')).toContainText(/used · .* available/);
	await expect(page.getByTestId('persist-state')).toContainText(/Persistent storage: (on|off)/);
	const persisted = await page.getByTestId('persist-state').getAttribute('data-persisted');
	if (persisted === 'false') {
		await page.getByTestId('persist-storage').click();
		await expect(page.getByTestId('persist-state')).toHaveAttribute('data-persisted', /true|false/);
	}
	await expect(page.getByTestId('keep-originals')).toBeChecked();
	await expect(page.getByTestId('trash-days')).toHaveValue('30');
	await page.getByTestId('keep-originals').uncheck();
	await page.reload();
	await expect(page.getByTestId('keep-originals')).not.toBeChecked();
	await page.getByTestId('keep-originals').check();

	await seedHistory(page);
	const r = row(page, 'vid-44');
	await expect(r).toContainText('original 977 kB');
	await r.getByTestId('remove-original').click();
	await page.getByTestId('confirm-remove-original').click();
	await expect(r).toContainText('original removed');
	await expect(r.getByTestId('remove-original')).toHaveCount(0);
	expect(await storedOf(page, 'vid-44')).toEqual({
		video: 1,
		original: 0,
		keyframes: 2,
		annotations: 2
	});
	expect(watch.errors).toEqual([]);
});

test('a real video processed with originals off: thumbnail in history, file freed, keyframes kept', async ({
	page
}) => {
	const watch = watchPage(page);
	await page.goto('/settings');
	await page.getByTestId('keep-originals').uncheck();
	await startBatch(page, ['megamind_vp9.webm']);
	expect(await waitForFinal(page, 'megamind_vp9.webm')).toBe('completed');

	await page.getByRole('navigation').getByRole('link', { name: 'History' }).click();
	const r = rows(page).filter({ hasText: 'megamind_vp9.webm' });
	await expect(r).toHaveAttribute('data-status', 'completed');
	await expect(r.locator('img')).toHaveAttribute('src', /^blob:/);
	const size = await r
		.locator('img')
		.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
	expect(size[0]).toBeGreaterThan(0);
	await expect(r).toContainText('original removed');
	const kept = await r.getByTestId('keyframes-kept').textContent();
	const [keptCount, total] = (kept ?? '').split(' ')[0].split('/').map(Number);
	expect(total).toBeGreaterThan(0);
	expect(keptCount).toBe(total);
	const id = (await r.getAttribute('data-video-id'))!;
	expect(await storedOf(page, id)).toMatchObject({ video: 1, original: 0, keyframes: total });
	expect(watch.errors).toEqual([]);
	expect(watch.foreign).toEqual([]);
});
