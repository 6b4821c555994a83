// Test-only: writes rows straight into the app's IndexedDB with the raw API (not the app's code),
// and reads the stores back, so browser tests can start from many videos and check what is left.
import { expect, type Page } from '@playwright/test';
import { nameGrams } from '../../src/lib/db/name-grams';
import { tagKeys } from '../../src/lib/db/tag-keys';
import type { AnnotationRecord, BatchRecord, VideoRecord } from '../../src/lib/db/types';

const DB_NAME = 'key-face-frame';
export const DAY = 86_400_000;

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

export const SETTINGS = {
	sampleRate: 5,
	maxFrames: 20,
	confidence: 0.5,
	model: 'full',
	decoder: 'auto'
} as const;

export function seedBatch(id: string, name: string): BatchRecord {
	return {
		id,
		name,
		createdAt: Date.now() - 60 * DAY,
		startedAt: null,
		completedAt: Date.now() - 60 * DAY,
		concurrency: 1,
		settings: { ...SETTINGS },
		// 'done': the scheduler never picks its pending videos.
		state: 'done'
	};
}

export function seedVideo(fields: Partial<SeedVideo> & Pick<SeedVideo, 'id' | 'name'>): SeedVideo {
	const createdAt = fields.createdAt ?? Date.now();
	return {
		size: 1_000_000,
		type: 'video/mp4',
		durationSec: 10,
		fps: 25,
		width: 640,
		height: 360,
		codec: 'h264',
		rotation: 0,
		status: 'completed',
		progress: 1,
		framesDone: 0,
		framesTotal: 0,
		stage: null,
		error: null,
		errorDetails: null,
		message: null,
		tags: [],
		batchId: 'seed-batch',
		batchPosition: 0,
		settings: { ...SETTINGS },
		keyframeCount: 0,
		thumbnail: false,
		hasOriginal: false,
		decoder: null,
		decoderNote: null,
		timings: null,
		updatedAt: createdAt,
		startedAt: null,
		finishedAt: null,
		deletedAt: 0,
		...fields,
		createdAt
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
		videos: seed.videos.map((v) => ({ ...v, nameGrams: nameGrams(v.name), tagKeys: tagKeys(v) }))
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

/** What the stores hold of one video: its row, original file, keyframes and annotations. */
export function storedOf(page: Page, videoId: string) {
	return page.evaluate(
		async ({ name, videoId }) => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const open = indexedDB.open(name);
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			const tx = db.transaction(['videos', 'videoBlobs', 'keyframes', 'annotations'], 'readonly');
			const ask = <T>(request: IDBRequest<T>) =>
				new Promise<T>((resolve, reject) => {
					request.onsuccess = () => resolve(request.result);
					request.onerror = () => reject(request.error);
				});
			const range = IDBKeyRange.bound([videoId, -Infinity], [videoId, Infinity]);
			const result = {
				video: (await ask(tx.objectStore('videos').count(videoId))) as number,
				original: (await ask(tx.objectStore('videoBlobs').count(videoId))) as number,
				keyframes: (await ask(
					tx.objectStore('keyframes').index('[videoId+frameIndex]').count(range)
				)) as number,
				annotations: (await ask(tx.objectStore('annotations').count(range))) as number
			};
			db.close();
			return result;
		},
		{ name: DB_NAME, videoId }
	);
}

export interface ProcessedVideo {
	name: string;
	batchId: string;
	status: string;
	decoder: string | null;
	decoderNote: string | null;
	message: string | null;
	keyframes: { frameIndex: number; timeSec: number }[];
}

/** Every video row with its decoder and its keyframes' positions (in frame order). */
export function readProcessed(page: Page): Promise<ProcessedVideo[]> {
	return page.evaluate(async (name) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open(name);
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const all = <T>(store: string) =>
			new Promise<T[]>((resolve, reject) => {
				const request = db.transaction(store).objectStore(store).getAll();
				request.onsuccess = () => resolve(request.result as T[]);
				request.onerror = () => reject(request.error);
			});
		type Row = Omit<ProcessedVideo, 'keyframes'> & { id: string };
		type Frame = { videoId: string; frameIndex: number; timeSec: number };
		const [videos, keyframes] = await Promise.all([all<Row>('videos'), all<Frame>('keyframes')]);
		db.close();
		return videos.map((v) => ({
			name: v.name,
			batchId: v.batchId,
			status: v.status,
			decoder: v.decoder,
			decoderNote: v.decoderNote,
			message: v.message,
			keyframes: keyframes
				.filter((k) => k.videoId === v.id)
				.map(({ frameIndex, timeSec }) => ({ frameIndex, timeSec }))
				.sort((a, b) => a.frameIndex - b.frameIndex)
		}));
	}, DB_NAME);
}
