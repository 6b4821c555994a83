// A full app for the accessibility and phone-layout tests: one real video processed once per
// test worker (so the batch and review pages hold real keyframes, faces and decoder facts), then
// copied, with its blobs, into each fresh context (each locale, colour scheme or viewport gets
// its own browser context and so its own IndexedDB), plus seeded rows that only make sense as
// test data: long English and Chinese names, a failed and a waiting video, a full Trash.
import {
	expect,
	test as base,
	type Browser,
	type BrowserContextOptions,
	type Page
} from '@playwright/test';
import type { AnnotationRecord } from '../../src/lib/db/types';
import { startBatch, waitForFinal } from './app-driver';
import { DB_NAME } from './app-core.mjs';
import { DAY, seedBatch, seedDb, seedVideo, waitForSchema, type SeedData } from './browser-db';

/**
 * Short (11 s, 640 px) with faces all through, in four shots: one pick per shot still gives the
 * few keyframes the pages need, in well under a minute.
 */
export const PROCESSED_VIDEO = 'megamind_h264.mp4';

/** Every row of every store, blobs as base64, as it crosses out of and into the browser. */
export type StoresDump = Record<string, Record<string, unknown>[]>;

export interface AppData {
	dump: StoresDump;
	videoId: string;
	batchId: string;
	frames: number[];
}

/** Ids of the seeded rows that tests look for. */
export const SEEDED = {
	batchId: 'seed-batch',
	longEnglish: 'seed-long-en',
	longChinese: 'seed-long-zh',
	trash: ['seed-trash-en', 'seed-trash-zh', 'seed-trash-short']
} as const;

const STORES = ['videos', 'videoBlobs', 'keyframes', 'annotations', 'batches'];

/** Reads every row of the app's stores; Blobs (and Files) become `{ __blob: base64 }`. */
export function dumpStores(page: Page): Promise<StoresDump> {
	return page.evaluate(
		async ({ name, stores }) => {
			const encode = async (value: unknown): Promise<unknown> => {
				if (value instanceof Blob) {
					const bytes = new Uint8Array(await value.arrayBuffer());
					let binary = '';
					for (let i = 0; i < bytes.length; i += 0x8000)
						binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
					return {
						__blob: btoa(binary),
						type: value.type,
						name: value instanceof File ? value.name : null
					};
				}
				if (Array.isArray(value)) return Promise.all(value.map(encode));
				if (value && typeof value === 'object') {
					const entries = await Promise.all(
						Object.entries(value).map(async ([k, v]) => [k, await encode(v)] as const)
					);
					return Object.fromEntries(entries);
				}
				return value;
			};
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const open = indexedDB.open(name);
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			const tx = db.transaction(stores, 'readonly');
			const rows = await Promise.all(
				stores.map(
					(store) =>
						new Promise<unknown[]>((resolve, reject) => {
							const request = tx.objectStore(store).getAll();
							request.onsuccess = () => resolve(request.result as unknown[]);
							request.onerror = () => reject(request.error);
						})
				)
			);
			db.close();
			const dump: Record<string, Record<string, unknown>[]> = {};
			for (const [i, store] of stores.entries())
				dump[store] = (await encode(rows[i])) as Record<string, unknown>[];
			return dump;
		},
		{ name: DB_NAME, stores: STORES }
	);
}

/** Writes a dump back (after the app created its schema), Blobs and Files rebuilt. */
export async function restoreStores(page: Page, dump: StoresDump) {
	await waitForSchema(page);
	await page.evaluate(
		async ({ name, dump }) => {
			const decode = (value: unknown): unknown => {
				if (Array.isArray(value)) return value.map(decode);
				if (value && typeof value === 'object') {
					const v = value as { __blob?: string; type?: string; name?: string | null };
					if (typeof v.__blob === 'string') {
						const binary = atob(v.__blob);
						const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
						return v.name
							? new File([bytes], v.name, { type: v.type })
							: new Blob([bytes], { type: v.type });
					}
					return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, decode(x)]));
				}
				return value;
			};
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const open = indexedDB.open(name);
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			const stores = Object.keys(dump);
			const rows = Object.fromEntries(stores.map((s) => [s, decode(dump[s]) as unknown[]]));
			const tx = db.transaction(stores, 'readwrite');
			for (const store of stores) for (const row of rows[store]) tx.objectStore(store).put(row);
			await new Promise<void>((resolve, reject) => {
				tx.oncomplete = () => resolve();
				tx.onerror = () => reject(tx.error);
				tx.onabort = () => reject(tx.error);
			});
			db.close();
		},
		{ name: DB_NAME, dump }
	);
}

/** Rows that show what real use leaves behind but one short processing run does not. */
function seededRows(videoId: string, frames: number[]): SeedData {
	const now = Date.now();
	const video = (fields: Parameters<typeof seedVideo>[0]) =>
		seedVideo({ batchId: SEEDED.batchId, createdAt: now - 3_600_000, ...fields });
	const annotation = (frameIndex: number, fields: Partial<AnnotationRecord>): AnnotationRecord => ({
		videoId,
		frameIndex,
		notes: '',
		tags: [],
		deleted: false,
		createdAt: now,
		updatedAt: now,
		...fields
	});
	return {
		batches: [seedBatch(SEEDED.batchId, 'Interviews spring 2024 — 春季采访')],
		videos: [
			video({
				id: SEEDED.longEnglish,
				name: 'Interview with the head of the regional planning office, second take (final cut).mp4',
				thumbnail: true,
				keyframeCount: 2,
				hasOriginal: true,
				tags: ['interview', 'office'],
				batchPosition: 0
			}),
			video({
				id: SEEDED.longChinese,
				name: '视频 采访 很长的名字.mp4',
				thumbnail: true,
				keyframeCount: 2,
				tags: ['采访'],
				batchPosition: 1
			}),
			video({
				id: 'seed-long-zh-2',
				name: '二〇二四年春季发布会现场采访完整版（未剪辑）第三部分.mov',
				thumbnail: true,
				keyframeCount: 1,
				batchPosition: 2
			}),
			video({
				id: 'seed-failed',
				name: 'broken-upload.mp4',
				status: 'failed',
				keyframeCount: 0,
				error: { code: 'damaged' },
				errorDetails: '[mov,mp4] moov atom not found\nInvalid data found when processing input',
				batchPosition: 3
			}),
			video({
				id: 'seed-cancelled',
				name: 'cancelled-clip.mp4',
				status: 'cancelled',
				keyframeCount: 0,
				batchPosition: 4
			}),
			video({
				id: 'seed-pending',
				name: 'waiting-clip.mp4',
				status: 'pending',
				progress: 0,
				durationSec: null,
				keyframeCount: 0,
				batchPosition: 5
			}),
			video({
				id: SEEDED.trash[0],
				name: 'Old interview with a very long file name that used to wrap one word per line.mp4',
				thumbnail: true,
				keyframeCount: 3,
				deletedAt: now - 2 * DAY,
				batchPosition: 6
			}),
			video({
				id: SEEDED.trash[1],
				name: '回收站里的视频 采访 很长的名字.mp4',
				thumbnail: true,
				keyframeCount: 1,
				deletedAt: now - DAY,
				batchPosition: 7
			}),
			video({
				id: SEEDED.trash[2],
				name: 'a.mp4',
				status: 'failed',
				keyframeCount: 0,
				deletedAt: now - DAY,
				batchPosition: 8
			})
		],
		originals: [SEEDED.longEnglish],
		keyframes: [SEEDED.longEnglish, SEEDED.longChinese].flatMap((id) => [
			{ videoId: id, frameIndex: 0 },
			{ videoId: id, frameIndex: 10 }
		]),
		// On the processed video: a note with tags on the first keyframe, the second marked deleted.
		annotations: [
			annotation(frames[0], { notes: '第一帧：主角正脸 — hero, front', tags: ['hero', '主角'] }),
			annotation(frames[1], { deleted: true, tags: ['blurry'] })
		]
	};
}

async function processOnce(browser: Browser): Promise<AppData> {
	const context = await browser.newContext({ locale: 'en-US' });
	const page = await context.newPage();
	await startBatch(page, [PROCESSED_VIDEO], { sampleRate: 3, maxFrames: 8 });
	expect(await waitForFinal(page, PROCESSED_VIDEO, 200_000)).toBe('completed');
	const batchId = new URL(page.url()).pathname.split('/').pop()!;
	const row = page.getByTestId('video-row').first();
	const videoId = (await row.getAttribute('data-video-id'))!;
	const dump = await dumpStores(page);
	const frames = dump.keyframes
		.filter((k) => k.videoId === videoId)
		.map((k) => Number(k.frameIndex))
		.sort((a, b) => a - b);
	expect(frames.length, 'keyframes of the processed video').toBeGreaterThanOrEqual(3);
	await context.close();
	return { dump, videoId, batchId, frames };
}

/** `test` with `appData`: the processed video, made once per worker and shared by its files. */
export const test = base.extend<object, { appData: AppData }>({
	appData: [
		async ({ browser }, use) => {
			await use(await processOnce(browser));
		},
		{ scope: 'worker', timeout: 240_000 }
	]
});
export { expect };

/**
 * A fresh context (its own IndexedDB) with the processed video and the seeded rows, on `/`
 * after a reload so every page reads the data from the start.
 */
export async function openFullApp(
	browser: Browser,
	data: AppData,
	options: BrowserContextOptions = {}
) {
	const context = await browser.newContext(options);
	const page = await context.newPage();
	await page.goto('/');
	await restoreStores(page, data.dump);
	await seedDb(page, seededRows(data.videoId, data.frames));
	await page.reload();
	return { context, page };
}
