// History, Trash and Settings in both languages: Chinese for a Chinese browser, English for an
// English one, and the language switch in Settings, which applies at once and is kept.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { watchPage } from '../support/app-driver';
import { DAY, seedBatch, seedDb, seedVideo, type SeedData } from '../support/browser-db';

const NOW = Date.now();

/** Two videos in the history (one with three keyframes and its original), one in the Trash. */
const LIBRARY: SeedData = {
	videos: [
		seedVideo({
			id: 'vid-a',
			name: 'clip-a.mp4',
			createdAt: NOW - DAY,
			keyframeCount: 3,
			hasOriginal: true,
			thumbnail: true
		}),
		seedVideo({ id: 'vid-b', name: 'clip-b.mp4', status: 'failed', createdAt: NOW - 2 * DAY }),
		seedVideo({ id: 'vid-t', name: 'trashed.mp4', deletedAt: NOW - 2 * DAY, keyframeCount: 1 })
	],
	batches: [seedBatch('seed-batch', 'Seeded batch')],
	originals: ['vid-a']
};

async function seedLibrary(page: Page) {
	await page.goto('/history');
	await seedDb(page, LIBRARY);
	await page.reload();
	await expect(page.getByTestId('history-total')).toHaveAttribute('data-total', '2');
}

const html = (page: Page) => page.locator('html');
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const day = (ms: number, locale: string) =>
	new Date(ms).toLocaleDateString(locale, { dateStyle: 'medium' });

/** The labels, names and descriptions axe checks, on the page shown. */
async function namingViolations(page: Page) {
	const { violations } = await new AxeBuilder({ page })
		.withRules(['label', 'select-name', 'button-name', 'aria-valid-attr-value', 'valid-lang'])
		.analyze();
	return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`);
}

test.describe('a Chinese browser', () => {
	test.use({ locale: 'zh-CN' });

	test('History, Trash and Settings speak Chinese', async ({ page }) => {
		const watch = watchPage(page);
		await seedLibrary(page);

		await expect(html(page)).toHaveAttribute('lang', 'zh-CN');
		await expect(h1(page)).toHaveText('历史记录');
		await expect(page.getByTestId('history-total')).toHaveText('2 个视频');
		await expect(page.getByTestId('history-search')).toHaveAttribute('placeholder', '按名称搜索');
		await expect(page.getByTestId('history-sort').locator('option').first()).toHaveText('最新在前');
		await expect(page.getByTestId('history-status').locator('option[value="failed"]')).toHaveText(
			'失败'
		);
		const row = page.locator('[data-testid="history-row"][data-video-id="vid-a"]');
		await expect(row.getByTestId('keyframes-kept')).toHaveText('保留 3/3 张关键帧');
		await expect(row).toContainText(/原始文件 977 kB/i);
		await expect(row.getByTestId('delete-video')).toHaveText('删除');

		await row.getByTestId('delete-video').click();
		const dialog = page.getByRole('dialog');
		await expect(dialog.getByRole('heading')).toHaveText('删除“clip-a.mp4”？');
		await expect(dialog).toContainText('保留 30 天');
		await page.getByTestId('delete-soft').click();
		await expect(page.getByTestId('toast')).toContainText('已将 1 个视频移入回收站。');
		await expect(page.getByTestId('toast-action')).toHaveText('撤销');

		await page.getByTestId('history-search').fill('无此视频');
		await expect(page.getByTestId('history-empty')).toHaveText(
			'没有符合条件的视频。显示全部视频。'
		);

		await page.getByRole('navigation').getByRole('link', { name: '回收站' }).click();
		await expect(h1(page)).toHaveText('回收站');
		await expect(page.getByText('每个视频移入回收站 30 天后会被永久删除')).toBeVisible();
		const trashed = page.locator('[data-testid="trash-row"][data-video-id="vid-t"]');
		await expect(trashed).toContainText(`1 张关键帧 · 删除于 ${day(NOW - 2 * DAY, 'zh-CN')}`);
		await expect(trashed.getByTestId('restore-video')).toHaveText('恢复');
		await expect(page.getByTestId('empty-trash')).toHaveText('清空回收站（2）…');
		await page.getByTestId('empty-trash').click();
		await expect(page.getByRole('dialog').getByRole('heading')).toHaveText(
			'清空回收站（2 个视频）？'
		);
		await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();

		await expect(page.getByRole('navigation').getByRole('link', { name: '设置' })).toBeVisible();
		await page.goto('/settings');
		await expect(h1(page)).toHaveText('设置');
		await expect(page.getByRole('heading', { name: '存储' })).toBeVisible();
		await expect(page.getByLabel('界面语言')).toHaveValue('auto');
		await expect(page.getByTestId('settings-language').locator('option:checked')).toHaveText(
			'跟随浏览器'
		);
		await expect(page.getByTestId('sample-rate')).toHaveAccessibleDescription(/每 5 帧看一帧/);
		await expect(page.getByTestId('keep-originals')).toHaveAccessibleDescription(/重试/);
		await expect(page.getByTestId('persist-state')).toContainText('持久存储：');
		await page.getByTestId('max-frames').fill('0');
		await expect(page.getByText('关键帧上限必须在 1 到 500 之间。')).toBeVisible();
		expect(await namingViolations(page)).toEqual([]);

		expect(watch.errors).toEqual([]);
	});

	test('switching to English in Settings applies at once, without a reload, and is kept', async ({
		page
	}) => {
		await page.goto('/settings');
		await expect(h1(page)).toHaveText('设置');
		await page.evaluate(() => ((window as unknown as { kffMarker: number }).kffMarker = 1));
		const marker = () =>
			page.evaluate(() => (window as unknown as { kffMarker?: number }).kffMarker ?? null);

		await page.getByTestId('settings-language').selectOption('en');
		await expect(html(page)).toHaveAttribute('lang', 'en');
		await expect(h1(page)).toHaveText('Settings');
		await expect(page.getByRole('heading', { name: 'Storage' })).toBeVisible();
		await expect(page.getByTestId('sample-rate')).toHaveAccessibleDescription(
			/^By frames: 1 looks at every frame, 5 at one frame in five\./
		);
		// The same document, loaded once and never reloaded: the marker is still there.
		expect(await marker()).toBe(1);
		expect(
			await page.evaluate(() =>
				performance
					.getEntriesByType('navigation')
					.map((e) => (e as PerformanceNavigationTiming).type)
			)
		).toEqual(['navigate']);

		await page.getByRole('navigation').getByRole('link', { name: 'Trash' }).click();
		await expect(h1(page)).toHaveText('Trash');
		expect(await marker()).toBe(1);

		// Kept: a new load stays English although the browser asks for Chinese.
		await page.reload();
		await expect(html(page)).toHaveAttribute('lang', 'en');
		await expect(page.getByTestId('trash-empty')).toHaveText('The Trash is empty.');
		await page.goto('/settings');
		await expect(page.getByTestId('settings-language')).toHaveValue('en');
		// Back to following the browser: Chinese again, and nothing kept.
		await page.getByTestId('settings-language').selectOption('auto');
		await expect(h1(page)).toHaveText('设置');
		await page.reload();
		await expect(h1(page)).toHaveText('设置');
		expect(await page.evaluate(() => localStorage.getItem('kff-locale'))).toBeNull();
	});
});

test('an English browser gets English, and every language is offered in its own words', async ({
	page
}) => {
	await seedLibrary(page);
	await expect(html(page)).toHaveAttribute('lang', 'en');
	await expect(h1(page)).toHaveText('History');
	await expect(page.getByTestId('history-total')).toHaveText('2 videos');
	await expect(
		page.locator('[data-testid="history-row"][data-video-id="vid-a"]').getByTestId('keyframes-kept')
	).toHaveText('3/3 keyframes kept');

	await page.goto('/trash');
	await expect(h1(page)).toHaveText('Trash');
	await expect(page.getByTestId('trash-row')).toContainText(
		`1 keyframe · deleted ${day(NOW - 2 * DAY, 'en-US')}`
	);

	await page.goto('/settings');
	await expect(h1(page)).toHaveText('Settings');
	const options = page.getByTestId('settings-language').locator('option');
	await expect(options).toHaveText(['Browser language', 'English', '简体中文']);
	await page.getByTestId('settings-language').selectOption('zh-CN');
	await expect(options).toHaveText(['跟随浏览器', 'English', '简体中文']);
	await expect(html(page)).toHaveAttribute('lang', 'zh-CN');
	expect(await namingViolations(page)).toEqual([]);
});
