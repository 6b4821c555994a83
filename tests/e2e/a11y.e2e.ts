// Issue #15: no serious or critical axe-core violation (WCAG 2.1 A/AA) on any page, in both
// languages, in light and dark mode, on the built site with full pages: a really processed video
// (batch and review pages), seeded history and Trash rows, and the dialogs opened.
import type { Page } from '@playwright/test';
import { fixture } from '../support/app-driver';
import { report, scan, type Finding } from '../support/axe';
import { expect, openFullApp, PROCESSED_VIDEO, SEEDED, test } from '../support/full-app';
import { focusStop } from '../support/layout-checks';

const LOCALES = ['en-US', 'zh-CN'] as const;
const SCHEMES = ['light', 'dark'] as const;

const h1 = (page: Page) => expect(page.getByRole('heading', { level: 1 })).toBeVisible();
const historyRow = (page: Page, id: string) =>
	page.locator(`[data-testid="history-row"][data-video-id="${id}"]`);

for (const locale of LOCALES) {
	for (const colorScheme of SCHEMES) {
		test(`axe: every page and dialog, ${locale}, ${colorScheme}`, async ({ browser, appData }) => {
			test.setTimeout(180_000);
			const { context, page } = await openFullApp(browser, appData, { locale });
			await page.emulateMedia({ colorScheme });
			const findings: Finding[] = [];
			const check = async (where: string) => findings.push(...(await scan(page, where)));

			// New batch, with a file ready and one refused.
			await page.goto('/');
			await h1(page);
			await page
				.getByTestId('file-input')
				.setInputFiles([
					fixture(PROCESSED_VIDEO),
					fixture('megamind_vp9.webm'),
					fixture('not_a_video.mp4')
				]);
			// One ready, one refused, and one already in the library (held back with a question).
			await expect(page.getByTestId('refused-file')).toHaveCount(1);
			await expect(page.getByTestId('duplicate-file')).toHaveCount(1);
			await expect(page.getByTestId('start-batch')).toBeEnabled();
			await check('/ with files');

			// The processed batch, and the seeded one with a failure (details open) and a waiting row.
			await page.goto(`/batches/${appData.batchId}`);
			await expect(page.getByTestId('video-row')).toHaveAttribute('data-status', 'completed');
			await check('/batches/<processed>');
			await page.goto(`/batches/${SEEDED.batchId}`);
			await expect(page.getByTestId('video-row')).toHaveCount(6);
			await page.locator('[data-testid="video-row"][data-status="failed"] summary').click();
			await check('/batches/<seeded>');

			// Review: gallery with face boxes, an editor, a multi-selection, lightbox, shortcuts.
			await page.goto(`/videos/${appData.videoId}`);
			const cards = page.getByTestId('keyframe');
			await expect(cards).toHaveCount(appData.frames.length);
			await page.getByTestId('toggle-faces').check();
			await cards.nth(0).click();
			await expect(page.getByTestId('keyframe-editor')).toBeVisible();
			await check('/videos/<id> editor');
			await cards.nth(2).click({ modifiers: ['ControlOrMeta'] });
			await expect(page.getByTestId('bulk-bar')).toBeVisible();
			await check('/videos/<id> bulk bar');
			await cards.nth(1).dblclick();
			await expect(page.getByTestId('lightbox')).toBeVisible();
			await expect(page.getByTestId('lightbox').locator('img')).toHaveAttribute('src', /^blob:/);
			await check('/videos/<id> lightbox');
			await page.keyboard.press('Escape');
			await expect(page.getByTestId('lightbox')).toHaveCount(0);
			await page.keyboard.press('?');
			await expect(page.getByTestId('shortcuts-help')).toBeVisible();
			await check('/videos/<id> shortcuts help');
			await page.keyboard.press('Escape');

			// History: the delete dialog, its confirmation, then a selection and the Undo toast.
			await page.goto('/history');
			await expect(historyRow(page, SEEDED.longChinese)).toBeVisible();
			await check('/history');
			await historyRow(page, SEEDED.longEnglish).getByTestId('delete-video').click();
			await expect(page.getByTestId('delete-soft')).toBeVisible();
			await check('/history delete dialog');
			await page.getByTestId('delete-hard').click();
			await expect(page.getByTestId('confirm-hard')).toBeVisible();
			await check('/history confirm dialog');
			await page.keyboard.press('Escape');
			await expect(page.getByTestId('confirm-hard')).toBeHidden();
			await historyRow(page, SEEDED.longChinese).getByTestId('select-video').check();
			await historyRow(page, 'seed-cancelled').getByTestId('delete-video').click();
			await page.getByTestId('delete-soft').click();
			await expect(page.getByTestId('toast')).toBeVisible();
			await check('/history selection and toast');
			await page.getByTestId('toast-action').click();
			// The undo is a write: it lands before the page is left.
			await expect(historyRow(page, 'seed-cancelled')).toBeVisible();

			// Trash: a selection, then the empty-Trash confirmation.
			await page.goto('/trash');
			await expect(page.getByTestId('trash-row')).toHaveCount(SEEDED.trash.length);
			await page.getByTestId('trash-row').first().getByTestId('select-video').check();
			await expect(page.getByTestId('bulk-restore')).toBeVisible();
			await check('/trash with a selection');
			await page.getByTestId('empty-trash').click();
			await expect(page.getByTestId('confirm-empty-trash')).toBeVisible();
			await check('/trash confirm dialog');
			await page.keyboard.press('Escape');

			await page.goto('/settings');
			await h1(page);
			await expect(page.getByTestId('decoder-usage')).toBeVisible();
			await check('/settings');

			await context.close();
			expect(findings.length, report(findings)).toBe(0);
		});
	}
}

/** Tabs through the page once (at most `max` stops) and lists the stops a person cannot see. */
async function unseenFocus(page: Page, where: string, max = 90) {
	const problems: string[] = [];
	let stops = 0;
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		const stop = await focusStop(page);
		if (stop === null) break; // past the last control
		stops++;
		if (!stop.visible) problems.push(`${where}: ${stop.what} takes the focus but is not seen`);
		else if (!stop.ring) problems.push(`${where}: ${stop.what} has no visible focus ring`);
	}
	return { problems, stops };
}

/** The focused element's data-testid (or tag), and whether it is inside an open dialog. */
const focusInfo = (page: Page) =>
	page.evaluate(() => {
		const el = document.activeElement;
		return {
			id: el?.getAttribute('data-testid') ?? el?.tagName.toLowerCase() ?? null,
			inDialog: Boolean(el?.closest('dialog[open]'))
		};
	});

/** Tabs `times` in an open dialog: the focus must never leave it. */
async function staysInDialog(page: Page, times = 8) {
	for (let i = 0; i < times; i++) {
		await page.keyboard.press('Tab');
		const { inDialog, id } = await focusInfo(page);
		// Past the last control Chromium parks the focus on the document, then comes back in.
		if (id !== 'body') expect(inDialog, `focus left the dialog for ${id}`).toBe(true);
	}
}

test('keyboard: every control shows its focus; dialogs keep the focus and give it back', async ({
	browser,
	appData
}) => {
	test.setTimeout(180_000);
	const { context, page } = await openFullApp(browser, appData, { locale: 'en-US' });
	const problems: string[] = [];
	for (const [path, ready] of [
		['/', 'file-input'],
		[`/batches/${SEEDED.batchId}`, 'video-row'],
		[`/videos/${appData.videoId}`, 'keyframe'],
		['/history', 'history-row'],
		['/trash', 'trash-row'],
		['/settings', 'decoder-usage']
	] as const) {
		await page.goto(path);
		await expect(page.getByTestId(ready).first()).toBeAttached();
		const found = await unseenFocus(page, path);
		expect(found.stops, `${path}: controls reached with Tab`).toBeGreaterThan(5);
		problems.push(...found.problems);
	}
	expect(problems, problems.join('\n')).toEqual([]);

	// History: the delete dialog from the keyboard; Esc gives the focus back to its button.
	await page.goto('/history');
	const del = historyRow(page, SEEDED.longEnglish).getByTestId('delete-video');
	await del.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('delete-soft')).toBeVisible();
	expect((await focusInfo(page)).inDialog).toBe(true);
	await staysInDialog(page);
	await page.keyboard.press('Escape');
	await expect(del).toBeFocused();
	// Moved to the Trash from the keyboard: the focus goes to the toast's Undo, not to <body>.
	await page.keyboard.press('Enter');
	// The dialog stays mounted while closed: focus its button only once showModal has run,
	// or showModal's own focus (Cancel) would win and Enter would cancel.
	await expect(page.getByTestId('delete-soft')).toBeVisible();
	await page.getByTestId('delete-soft').focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('toast-action')).toBeFocused();
	await page.keyboard.press('Enter'); // Undo
	await expect(historyRow(page, SEEDED.longEnglish)).toBeVisible();

	// Trash: the empty-Trash confirmation.
	await page.goto('/trash');
	await page.getByTestId('empty-trash').focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('confirm-empty-trash')).toBeVisible();
	await staysInDialog(page);
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('empty-trash')).toBeFocused();
	// A row restored from the keyboard leaves the focus on the page's heading, not on <body>.
	await page.getByTestId('trash-row').first().getByTestId('restore-video').focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

	// Review: Enter opens the lightbox, Esc comes back to the card; ? and Esc the same.
	await page.goto(`/videos/${appData.videoId}`);
	const card = page.getByTestId('keyframe').first();
	await card.focus();
	await page.keyboard.press('ArrowRight'); // with none selected: selects the first
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('lightbox')).toBeVisible();
	await staysInDialog(page);
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('lightbox')).toHaveCount(0);
	await expect(card).toBeFocused();
	await page.keyboard.press('?');
	await expect(page.getByTestId('shortcuts-help')).toBeVisible();
	await staysInDialog(page, 3);
	await page.keyboard.press('Escape');
	await expect(card).toBeFocused();

	await context.close();
});

test('reduced motion: no transition left on the progress bars', async ({ browser, appData }) => {
	const { context, page } = await openFullApp(browser, appData, {
		locale: 'en-US',
		reducedMotion: 'reduce'
	});
	await page.goto(`/batches/${SEEDED.batchId}`);
	const bar = page.getByRole('progressbar').first().locator('> *');
	const seconds = await bar.evaluate((el) => parseFloat(getComputedStyle(el).transitionDuration));
	expect(seconds).toBeLessThan(0.001);
	await context.close();
});
