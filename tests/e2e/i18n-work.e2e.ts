// The work pages in Simplified Chinese: a browser whose language is zh-CN gets the home page,
// a batch and the review of its video in Chinese, with no English words left in what those pages
// write themselves; the ZIP it exports keeps the machine contract (names, CSV header) as it is.
import { expect, test, type Locator } from '@playwright/test';
import {
	downloadZip,
	fixture,
	startBatch,
	videoRow,
	waitForFinal,
	watchPage
} from '../support/app-driver';

const VIDEO = 'megamind_h264.mp4';

test.use({ locale: 'zh-CN' });

/**
 * The English words left in an element's text once the names that stay as they are (the file
 * name, codec and decoder names, units) are taken out. Parts written by other changes (the
 * notices of a video, a decoder's note) and by other pages' components are left out by selector.
 */
async function englishWords(element: Locator, skip: string[] = []): Promise<string[]> {
	const text = await element.evaluate((el, skip) => {
		const copy = el.cloneNode(true) as Element;
		for (const selector of skip) copy.querySelectorAll(selector).forEach((e) => e.remove());
		return copy.textContent ?? '';
	}, skip);
	const names = [VIDEO, 'megamind_h264', 'Key Face Frame', 'WebCodecs', 'ffmpeg.wasm', 'h264'];
	// Browsers named where the batch page explains persistent storage.
	names.push('Chrome', 'Edge', 'Safari');
	// File formats and the editor they are for, named alike in every language (the export panel).
	names.push('FCPXML', 'EDL', 'Resolve', 'CSV', 'COCO', 'YOLO', 'JPEG', 'PNG', 'WebP');
	let rest = text;
	for (const name of names) rest = rest.replaceAll(name, ' ');
	return (rest.match(/\b[A-Za-z]{2,}\b/g) ?? []).filter((w) => !/^(ZIP|kB|MB|GB|Esc)$/.test(w));
}

test('home, batch and review pages speak Chinese; the ZIP keeps its names and CSV header', async ({
	page
}) => {
	test.setTimeout(240_000);
	const watch = watchPage(page);

	// Home: what the app does, before anything is dropped.
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('新建批次');
	const intro = page.getByTestId('home-intro');
	await expect(intro).toBeVisible();
	await expect(intro).toContainText('人脸');
	await expect(intro).toContainText('最清晰');
	await expect(intro).toContainText('不会上传');
	await expect(page.getByText('把视频拖到这里')).toBeVisible();
	await page.getByTestId('file-input').setInputFiles(fixture(VIDEO));
	await expect(page.getByRole('heading', { name: '1 个视频待处理' })).toBeVisible();
	await expect(page.getByTestId('start-batch')).toHaveText('开始');
	// SettingsFields belongs to the settings pages' own change; the rest of the page is ours.
	expect(await englishWords(page.locator('main'), ['.fields'])).toEqual([]);

	// Batch page.
	await startBatch(page, [], { maxFrames: 3 });
	expect(await waitForFinal(page, VIDEO)).toBe('completed');
	const row = videoRow(page, VIDEO);
	await expect(row).toContainText(/\d+ 张关键帧/);
	await expect(page.getByTestId('count-completed')).toHaveText('已完成 1');
	const summary = page.getByTestId('batch-summary');
	await expect(summary).toContainText('已完成 1 / 1 个视频');
	await expect(summary).toContainText(/同时处理 [1-3] 个/);
	await expect(summary.getByRole('status')).toHaveText('批次处理完毕。完成 1 个。');
	await expect(page.getByTestId('export-zip')).toHaveText('将 1 个已完成的视频下载为 ZIP');
	expect(await englishWords(page.locator('main'), ['.note', '.error'])).toEqual([]);

	// Review page.
	await row.getByRole('link', { name: '查看关键帧' }).click();
	const cards = page.getByTestId('keyframe');
	await expect(cards.first()).toBeVisible();
	const count = await cards.count();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(VIDEO);
	await expect(page.locator('.facts')).toContainText('每 5 帧取一帧 · 最多 3 张 · 置信度 ≥ 0.5');
	await expect(page.locator('.facts')).toContainText('全距离模型');
	await expect(page.locator('.facts')).toContainText(/h264 · [\d.]+ 帧\/秒/);
	await expect(page.getByTestId('keyframe-count')).toHaveText(`保留 ${count} / 共 ${count}`);
	await expect(cards.first()).toContainText(/得分 \d\.\d\d · \d+ 张人脸/);
	await expect(page.getByRole('link', { name: '← 历史记录' })).toBeVisible();
	await expect(page.getByRole('button', { name: '撤销' })).toBeVisible();
	await expect(page.getByRole('group', { name: /^关键帧：/ })).toBeVisible();
	await cards.first().click();
	const editor = page.getByTestId('keyframe-editor');
	await expect(editor.getByRole('heading')).toContainText('处的关键帧');
	await expect(page.getByTestId('keyframe-delete')).toHaveText('标记为删除（导出时略过）');
	await expect(page.getByRole('button', { name: '下载 ZIP' })).toBeVisible();
	expect(
		await englishWords(page.locator('main'), ['.note', '.error', '[data-testid="video-decoder"]'])
	).toEqual([]);

	await page.keyboard.press('?');
	const help = page.getByTestId('shortcuts-help');
	await expect(help.getByRole('heading')).toHaveText('键盘快捷键');
	await expect(help).toContainText('空格');
	await expect(help).toContainText('标记为删除');
	expect(await englishWords(help)).not.toContain('Move');
	await help.getByRole('button', { name: '关闭' }).click();

	await page.keyboard.press('Enter');
	const lightbox = page.getByTestId('lightbox');
	await expect(lightbox.getByRole('heading')).toContainText(`第 1 张，共 ${count} 张`);
	await expect(lightbox.getByRole('button', { name: '下一张 →' })).toBeVisible();
	await lightbox.getByRole('button', { name: '关闭' }).click();

	// Export: Chinese status, the contract's names and CSV header unchanged, nothing else added.
	const { name, zip } = await downloadZip(page);
	expect(name).toBe(`${VIDEO}_keyframes.zip`);
	await expect(page.getByTestId('export-status')).toHaveText(
		`已保存 ${VIDEO}_keyframes.zip：${count} 张图片`
	);
	const files = Object.keys(zip.files).sort();
	const jpegs = files.filter((f) => f.endsWith('.jpg'));
	expect(jpegs).toHaveLength(count);
	for (const f of jpegs) expect(f).toMatch(/^megamind_h264_\d\d-\d\d-\d\d\.\d{3}_f\d+\.jpg$/);
	expect(files.filter((f) => !f.endsWith('.jpg'))).toEqual(['metadata.csv', 'metadata.json']);
	const csv = await zip.file('metadata.csv')!.async('string');
	expect(csv.slice(1).split('\r\n')[0]).toBe(
		'file,frameIndex,timeSec,time,score,faceCount,faces,person,notes,tags,rating,flag,addedByHand'
	);
	const meta = JSON.parse(await zip.file('metadata.json')!.async('string'));
	// `export` records the export panel's choices (issue #19); nothing was ticked here.
	expect(Object.keys(meta)).toEqual(['video', 'settings', 'export', 'keyframes']);
	expect(meta.export).toMatchObject({
		faceCrops: null,
		editorMarkers: false,
		datasetLabels: false
	});

	expect(watch.errors).toEqual([]);
	expect(watch.foreign).toEqual([]);
});
