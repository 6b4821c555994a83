// Test-only: writes rows straight into the app's IndexedDB with the raw API (not the app's code),
// and reads the stores back, so browser tests can start from many videos and check what is left.
import { expect, type Page } from '@playwright/test';
import { derivedKeys } from '$lib/db/derived-keys';
import type { AnnotationRecord, BatchRecord, VideoRecord } from '$lib/db/types';
import { DAY_MS } from '$lib/shared/trash-retention';
import { DB_NAME, readStoreRows } from './app-core.mjs';
import { batchRecord, defaultExtraction, videoRecord } from './records';

export const DAY = DAY_MS;

/** A video row as the browser stores it; `thumbnail: true` becomes a small JPEG there. */
export type SeedVideo = Omit<VideoRecord, 'thumbnail'> & { thumbnail: boolean };

export interface SeedData {
	videos: SeedVideo[];
	batches?: BatchRecord[];
	/** Videos that get an original file in `videoBlobs`. */
	originals?: string[];
	/** Keyframes to store (a tiny JPEG each). */
	keyframes?: { videoId: string; frameIndex: number }[];
	annotations?: AnnotationRecord[];
}

/** The default extraction settings, as the app stores them on batches and videos. */
export const SETTINGS = defaultExtraction();

export function seedBatch(id: string, name: string): BatchRecord {
	return batchRecord({
		id,
		name,
		createdAt: Date.now() - 60 * DAY,
		completedAt: Date.now() - 60 * DAY,
		// 'done': the scheduler never picks its pending videos.
		state: 'done'
	});
}

export function seedVideo(fields: Partial<SeedVideo> & Pick<SeedVideo, 'id' | 'name'>): SeedVideo {
	const { thumbnail = false, ...rest } = fields;
	return { ...videoRecord({ batchId: 'seed-batch', ...rest }), thumbnail };
}

/** An annotation row of a seeded keyframe: nothing noted unless `fields` says so. */
export function seedAnnotation(
	videoId: string,
	frameIndex: number,
	fields: Partial<Pick<AnnotationRecord, 'notes' | 'tags' | 'deleted'>>
): AnnotationRecord {
	return {
		videoId,
		frameIndex,
		notes: '',
		tags: [],
		deleted: false,
		createdAt: 1,
		updatedAt: 1,
		...fields
	};
}

/** The app opens (and creates) its database on start-up; wait for that before writing. */
export async function waitForSchema(page: Page) {
	await expect
		.poll(() =>
			page.evaluate(async (name) => {
				if (!(await indexedDB.databases()).some((d) => d.name === name)) return false;
				return new Promise<boolean>((resolve) => {
					const open = indexedDB.open(name);
					open.onsuccess = () => {
						const ok = open.result.objectStoreNames.contains('videos');
						open.result.close();
						resolve(ok);
					};
					open.onerror = () => resolve(false);
				});
			}, DB_NAME)
		)
		.toBe(true);
}

export async function seedDb(page: Page, seed: SeedData) {
	await waitForSchema(page);
	// The raw API passes the app's Dexie hooks by: add the derived fields they would.
	const data: SeedData = {
		...seed,
		videos: seed.videos.map((v) => {
			const row = { ...v };
			delete row.keyless;
			delete row.unprobed;
			return { ...row, ...derivedKeys(row) };
		})
	};
	await page.evaluate(
		async ({ name, data }) => {
			const jpeg = async (hue: number) => {
				const canvas = new OffscreenCanvas(60, 40);
				const ctx = canvas.getContext('2d')!;
				ctx.fillStyle = `hsl(${hue} 60% 50%)`;
				ctx.fillRect(0, 0, 60, 40);
				return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
			};
			// Blobs first: nothing but requests may be awaited inside a transaction.
			const videos = await Promise.all(
				data.videos.map(async (v, i) => ({
					...v,
					thumbnail: v.thumbnail ? await jpeg((i * 37) % 360) : null
				}))
			);
			const image = await jpeg(200);
			const keyframes = (data.keyframes ?? []).map((k) => ({
				id: crypto.randomUUID(),
				...k,
				timeSec: k.frameIndex / 25,
				score: 0.9,
				sharpness: 100,
				faces: [],
				width: 60,
				height: 40,
				image,
				thumb: image
			}));
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const open = indexedDB.open(name);
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			const stores = ['videos', 'videoBlobs', 'keyframes', 'annotations', 'batches'];
			const tx = db.transaction(stores, 'readwrite');
			for (const v of videos) tx.objectStore('videos').put(v);
			for (const b of data.batches ?? []) tx.objectStore('batches').put(b);
			for (const id of data.originals ?? []) {
				tx.objectStore('videoBlobs').put({ videoId: id, file: new Blob([`video ${id}`]) });
			}
			for (const k of keyframes) tx.objectStore('keyframes').put(k);
			for (const a of data.annotations ?? []) tx.objectStore('annotations').put(a);
			await new Promise<void>((resolve, reject) => {
				tx.oncomplete = () => resolve();
				tx.onerror = () => reject(tx.error);
				tx.onabort = () => reject(tx.error);
			});
			db.close();
		},
		{ name: DB_NAME, data }
	);
}

/**
 * Every row of the given stores, read straight from IndexedDB past the app: what the database
 * really holds. Blob fields come back as null (they do not cross into the test).
 */
export function readStores<S extends string>(
	page: Page,
	stores: readonly S[]
): Promise<Record<S, Record<string, unknown>[]>> {
	return readStoreRows(page, stores);
}

/** The image in `field` of every row of `store`, decoded in the page: its type and size, or null. */
export function storedImages(
	page: Page,
	store: string,
	field: string
): Promise<({ type: string; width: number; height: number } | null)[]> {
	return page.evaluate(
		async ({ name, store, field }) => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const open = indexedDB.open(name);
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			const rows = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
				const all = db.transaction(store).objectStore(store).getAll();
				all.onsuccess = () => resolve(all.result);
				all.onerror = () => reject(all.error);
			});
			db.close();
			return Promise.all(
				rows.map(async (row) => {
					const image = row[field];
					if (!(image instanceof Blob)) return null;
					const { width, height } = await createImageBitmap(image);
					return { type: image.type, width, height };
				})
			);
		},
		{ name: DB_NAME, store, field }
	);
}

/** What the stores hold of one video: its row, original file, keyframes and annotations. */
export async function storedOf(page: Page, videoId: string) {
	const all = await readStores(page, ['videos', 'videoBlobs', 'keyframes', 'annotations']);
	return {
		video: all.videos.filter((v) => v.id === videoId).length,
		original: all.videoBlobs.filter((b) => b.videoId === videoId).length,
		keyframes: all.keyframes.filter((k) => k.videoId === videoId).length,
		annotations: all.annotations.filter((a) => a.videoId === videoId).length
	};
}

export interface ProcessedVideo {
	name: string;
	batchId: string;
	status: string;
	decoder: string | null;
	decoderNote: string | null;
	message: string | null;
	timings: Record<string, number> | null;
	keyframes: { frameIndex: number; timeSec: number }[];
}

/** Every video row with its decoder and its keyframes' positions (in frame order). */
export async function readProcessed(page: Page): Promise<ProcessedVideo[]> {
	const all = await readStores(page, ['videos', 'keyframes']);
	const videos = all.videos as unknown as (Omit<ProcessedVideo, 'keyframes'> & { id: string })[];
	const keyframes = all.keyframes as unknown as {
		videoId: string;
		frameIndex: number;
		timeSec: number;
	}[];
	return videos.map((v) => ({
		name: v.name,
		batchId: v.batchId,
		status: v.status,
		decoder: v.decoder,
		decoderNote: v.decoderNote,
		message: v.message,
		timings: v.timings,
		keyframes: keyframes
			.filter((k) => k.videoId === v.id)
			.map(({ frameIndex, timeSec }) => ({ frameIndex, timeSec }))
			.sort((a, b) => a.frameIndex - b.frameIndex)
	}));
}
