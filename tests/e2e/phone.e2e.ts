// Issue #15: every page works on a 390 px wide phone, in both languages: nothing scrolls
// sideways, file names in History and Trash stay readable, tap targets are at least 24 × 24 px,
// and tapping a keyframe shows its editor on screen. A screenshot of each page is attached.
import { readFileSync } from 'node:fs';
import type { Page, TestInfo } from '@playwright/test';
import { fixture } from '../support/app-driver';
import { expect, openFullApp, PROCESSED_VIDEO, SEEDED, test } from '../support/full-app';
import { horizontalOverflow, smallTargets, textLayout } from '../support/layout-checks';

const PHONE = { width: 390, height: 844 };
const LOCALES = ['en-US', 'zh-CN'] as const;
/** A wrapped name spans most of its row, many characters a line, not a word (or 6 letters). */
const MIN_NAME_SHARE = 0.6;
const MIN_CHARS_PER_LINE = 10;

const LONG_NAMES = {
	[SEEDED.longEnglish]:
		'Interview with the head of the regional planning office, second take (final cut).mp4',
	[SEEDED.longChinese]: '视频 采访 很长的名字.mp4',
	'seed-long-zh-2': '二〇二四年春季发布会现场采访完整版（未剪辑）第三部分.mov'
};
const TRASH_NAMES = {
	[SEEDED.trash[0]]:
		'Old interview with a very long file name that used to wrap one word per line.mp4',
	[SEEDED.trash[1]]: '回收站里的视频 采访 很长的名字.mp4',
	[SEEDED.trash[2]]: 'a.mp4'
};

async function shot(page: Page, testInfo: TestInfo, name: string, fullPage = true) {
	const path = testInfo.outputPath(`${name}.png`);
	await page.screenshot({ path, fullPage });
	await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** The checks every page gets: no sideways scrolling and no tap target under 24 px. */
async function checkPage(page: Page, where: string) {
	const overflow = await horizontalOverflow(page);
	expect.soft(overflow.viewport, `${where}: layout viewport`).toBe(PHONE.width);
	expect
		.soft(overflow.scrollWidth, `${where}: scrolls sideways; past the edge: ${overflow.culprits}`)
		.toBeLessThanOrEqual(overflow.viewport);
	expect.soft(await smallTargets(page), `${where}: tap targets under 24 × 24 px`).toEqual([]);
}

async function checkName(page: Page, rowSelector: string, name: string, where: string) {
	const row = page.locator(rowSelector);
	const layout = await textLayout(row, row.getByText(name, { exact: true }));
	const what = `${where}: "${name}" (${JSON.stringify(layout)})`;
	expect.soft(layout.clipped, `${what} is cut off`).toBe(false);
	// Shown in full on one line: readable, however narrow. Wrapped: across most of the row.
	if (layout.lines > 1) {
		expect.soft(layout.share, `${what} is squeezed`).toBeGreaterThanOrEqual(MIN_NAME_SHARE);
		expect
			.soft(layout.charsPerLine, `${what} wraps too often`)
			.toBeGreaterThanOrEqual(MIN_CHARS_PER_LINE);
	}
}

for (const locale of LOCALES) {
	test(`phone 390 px, ${locale}: every page fits, names readable, targets ≥ 24 px`, async ({
		browser,
		appData
	}, testInfo) => {
		test.setTimeout(180_000);
		const { context, page } = await openFullApp(browser, appData, {
			locale,
			viewport: PHONE,
			isMobile: true,
			hasTouch: true
		});
		const tag = locale;

		// New batch, with a long-named file ready, a refused one, and one already in the library.
		await page.goto('/');
		await page.getByTestId('file-input').setInputFiles([
			{
				name: '视频 采访 很长的名字 — interview with a rather long English tail.mp4',
				mimeType: 'video/mp4',
				buffer: readFileSync(fixture(PROCESSED_VIDEO))
			},
			{
				name: '新的视频 很长的名字 — a second rather long English name for the list.webm',
				mimeType: 'video/webm',
				buffer: readFileSync(fixture('megamind_vp9.webm'))
			},
			{
				name: 'not_a_video.mp4',
				mimeType: 'video/mp4',
				buffer: readFileSync(fixture('not_a_video.mp4'))
			}
		]);
		await expect(page.getByTestId('refused-file')).toHaveCount(1);
		await expect(page.getByTestId('duplicate-file')).toHaveCount(1);
		await expect(page.getByTestId('start-batch')).toBeEnabled();
		await checkPage(page, '/');
		await shot(page, testInfo, `${tag}-new-batch`);

		await page.goto(`/batches/${appData.batchId}`);
		await expect(page.getByTestId('video-row')).toHaveAttribute('data-status', 'completed');
		await checkPage(page, '/batches/<processed>');
		await shot(page, testInfo, `${tag}-batch-processed`);
		await page.goto(`/batches/${SEEDED.batchId}`);
		await expect(page.getByTestId('video-row')).toHaveCount(6);
		await page.locator('[data-testid="video-row"][data-status="failed"] summary').click();
		await checkPage(page, '/batches/<seeded>');
		await shot(page, testInfo, `${tag}-batch-seeded`);

		// Review: tapping the last keyframe shows its editor on screen, not far above.
		await page.goto(`/videos/${appData.videoId}`);
		const cards = page.getByTestId('keyframe');
		await expect(cards).toHaveCount(appData.frames.length);
		await checkPage(page, '/videos/<id>');
		await shot(page, testInfo, `${tag}-review`);
		const last = cards.last();
		await last.scrollIntoViewIfNeeded();
		await last.tap();
		const notes = page.getByTestId('keyframe-notes');
		await expect(notes).toBeVisible();
		await expect.soft(notes).toBeInViewport({ ratio: 1 });
		await expect.soft(page.getByTestId('keyframe-delete')).toBeInViewport({ ratio: 1 });
		await checkPage(page, '/videos/<id> editor');
		await shot(page, testInfo, `${tag}-review-editor`, false);
		// The tapped card: its top at least stays above the editor (the page can scroll it up).
		const cardBox = (await last.boundingBox())!;
		const editorBox = (await page.getByTestId('keyframe-editor').boundingBox())!;
		testInfo.annotations.push({
			type: 'tapped card',
			description: `card ${Math.round(cardBox.y)}–${Math.round(cardBox.y + cardBox.height)} px, editor from ${Math.round(editorBox.y)} px, viewport ${PHONE.height} px`
		});
		// A card reached from a keyboard is scrolled clear of the editor, not left under it.
		await page.keyboard.press('ArrowLeft');
		const focused = page.locator('[data-testid="keyframe"]:focus');
		await expect(focused).toHaveAttribute('data-frame-index', String(appData.frames.at(-2)));
		const sheetTop = (await page.getByTestId('keyframe-editor').boundingBox())!.y;
		const focusedBox = (await focused.boundingBox())!;
		expect
			.soft(focusedBox.y + focusedBox.height, 'focused card under the editor')
			.toBeLessThanOrEqual(sheetTop);
		await shot(page, testInfo, `${tag}-review-editor-keyboard`, false);
		await cards.first().dblclick();
		await expect(page.getByTestId('lightbox')).toBeVisible();
		await checkPage(page, '/videos/<id> lightbox');
		await shot(page, testInfo, `${tag}-review-lightbox`, false);
		await page.keyboard.press('Escape');

		// History: long English and Chinese names readable; the delete dialog fits.
		await page.goto('/history');
		for (const [id, name] of Object.entries(LONG_NAMES)) {
			const row = `[data-testid="history-row"][data-video-id="${id}"]`;
			await expect(page.locator(row)).toBeVisible();
			await checkName(page, row, name, '/history');
		}
		await checkPage(page, '/history');
		await shot(page, testInfo, `${tag}-history`);
		await page
			.locator(`[data-testid="history-row"][data-video-id="${SEEDED.longEnglish}"]`)
			.getByTestId('delete-video')
			.click();
		await expect(page.getByTestId('delete-soft')).toBeVisible();
		await checkPage(page, '/history delete dialog');
		await shot(page, testInfo, `${tag}-history-delete-dialog`, false);
		await page.keyboard.press('Escape');

		// Trash: names and the row's facts readable, not one word per line.
		await page.goto('/trash');
		await expect(page.getByTestId('trash-row')).toHaveCount(SEEDED.trash.length);
		for (const [id, name] of Object.entries(TRASH_NAMES)) {
			const row = `[data-testid="trash-row"][data-video-id="${id}"]`;
			await checkName(page, row, name, '/trash');
			const facts = await textLayout(page.locator(row), page.locator(row).locator('small'));
			expect
				.soft(facts.share, `/trash: facts of "${name}" squeezed (${JSON.stringify(facts)})`)
				.toBeGreaterThanOrEqual(MIN_NAME_SHARE);
		}
		await page.getByTestId('trash-row').first().getByTestId('select-video').check();
		await checkPage(page, '/trash');
		await shot(page, testInfo, `${tag}-trash`);

		await page.goto('/settings');
		await expect(page.getByTestId('decoder-usage')).toBeVisible();
		await checkPage(page, '/settings');
		await shot(page, testInfo, `${tag}-settings`);

		// Dark mode follows the system: the same layout, to look at.
		await page.emulateMedia({ colorScheme: 'dark' });
		await page.goto('/history');
		await expect(page.getByTestId('history-row').first()).toBeVisible();
		await shot(page, testInfo, `${tag}-dark-history`, false);
		await page.goto(`/videos/${appData.videoId}`);
		await cards.nth(1).tap();
		await expect(page.getByTestId('keyframe-notes')).toBeInViewport();
		await shot(page, testInfo, `${tag}-dark-review-editor`, false);

		await context.close();
	});
}
