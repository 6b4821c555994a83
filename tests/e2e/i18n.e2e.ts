// Every page speaks the browser's language: with zh-CN no English word is left on any page (file
// names and product names aside), with en-US no Chinese; <html lang> follows.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DAY, seedBatch, seedDb, seedVideo } from '../support/browser-db';

const NOW = Date.now();
const BATCH = seedBatch('i18n-batch', 'Batch');
const VIDEOS = [
	seedVideo({
		id: 'done',
		name: 'interview-take.mp4',
		batchId: BATCH.id,
		batchPosition: 0,
		keyframeCount: 2,
		thumbnail: true,
		tags: ['beach'],
		createdAt: NOW - 3_000
	}),
	seedVideo({
		id: 'faceless',
		name: 'empty-room.mp4',
		batchId: BATCH.id,
		batchPosition: 1,
		keyframeCount: 0,
		message: { code: 'no-faces', confidence: 0.5, model: 'short' },
		createdAt: NOW - 2_000
	}),
	seedVideo({
		id: 'broken',
		name: 'cut-off.mp4',
		batchId: BATCH.id,
		batchPosition: 2,
		status: 'failed',
		keyframeCount: 0,
		durationSec: null,
		error: { code: 'file-incomplete' },
		errorDetails: 'moov atom not found',
		createdAt: NOW - 1_000
	}),
	seedVideo({
		id: 'binned',
		name: 'old-clip.mp4',
		batchId: BATCH.id,
		batchPosition: 3,
		deletedAt: NOW - DAY,
		createdAt: NOW - 4_000
	})
];

const PAGES = ['/', `/batches/${BATCH.id}`, '/videos/done', '/history', '/trash', '/settings'];

/** Words any language shows as they are: our file names, product, format and language names, units. */
const AS_IS = [
	...VIDEOS.map((v) => v.name),
	'Batch',
	'Key Face Frame',
	'WebCodecs',
	'ffmpeg.wasm',
	'MediaPipe',
	'BlazeFace',
	'EDL',
	'FCPXML',
	'Resolve',
	'COCO',
	'YOLO',
	'h264',
	'beach',
	'ZIP',
	'CSV',
	'JPEG',
	'fps',
	'kB',
	'MB',
	'GB',
	'px',
	'moov', // the MP4 index, named in the failure notice
	// Browsers and containers named in the explanations (settings, persistent storage).
	'Safari',
	'Chrome',
	'Edge',
	'MP4',
	'MOV',
	'WebM',
	'MKV',
	'AVI',
	'HEVC',
	// Each language is offered in its own words on Settings.
	'English',
	'简体中文'
];

async function seeded(browser: Browser, locale: string): Promise<Page> {
	const context = await browser.newContext({ locale });
	const page = await context.newPage();
	await page.goto('/history');
	await seedDb(page, {
		videos: VIDEOS,
		batches: [BATCH],
		originals: ['done'],
		keyframes: [
			{ videoId: 'done', frameIndex: 0 },
			{ videoId: 'done', frameIndex: 25 }
		]
	});
	return page;
}

/** The page's visible text (and its labels for assistive technology) without the as-is words. */
async function shownText(page: Page): Promise<string> {
	const text = await page.evaluate(() => {
		const labels = [...document.querySelectorAll('[aria-label], [title], [placeholder], img[alt]')]
			.map((e) =>
				['aria-label', 'title', 'placeholder', 'alt'].map((a) => e.getAttribute(a) ?? '').join(' ')
			)
			.join(' ');
		return `${document.title} ${document.body.innerText} ${labels}`;
	});
	return AS_IS.reduce((t, word) => t.replaceAll(word, ' '), text);
}

test('zh-CN: every page is in Chinese, with no English word left', async ({ browser }) => {
	const page = await seeded(browser, 'zh-CN');
	for (const path of PAGES) {
		await page.goto(path);
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
		await expect(page.locator('main')).toContainText(/[\u4e00-\u9fff]/);
		await page.waitForLoadState('networkidle');
		const english = (await shownText(page)).match(/[A-Za-z]{2,}/g) ?? [];
		expect(english, `English on ${path}`).toEqual([]);
	}
});

test('en-US: every page is in English, with no Chinese', async ({ browser }) => {
	const page = await seeded(browser, 'en-US');
	for (const path of PAGES) {
		await page.goto(path);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await page.waitForLoadState('networkidle');
		const chinese = (await shownText(page)).match(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+/g);
		expect(chinese ?? [], `Chinese on ${path}`).toEqual([]);
	}
});
