// Builds the export ZIP of kept keyframes for one or more videos. JPEGs are stored as they are
// (STORE: no recompression, no wasted CPU). Large exports stream to a file the person picks
// (File System Access) so the ZIP never sits in memory twice; otherwise a Blob is downloaded.
import JSZip from 'jszip';
import { getAnnotations } from '$lib/db/annotations';
import type { KffDatabase } from '$lib/db/database';
import { keyframesOfVideo } from '$lib/db/keyframes';
import { getVideos } from '$lib/db/videos';
import { NOT_DELETED, type KeyframeRecord, type VideoRecord } from '$lib/db/types';
import { m } from '$lib/paraglide/messages';
import { sanitizeFileName, zipFileName } from '$lib/pipeline/naming';
import { cropJpeg } from './face-crop';
import { planVideo, uniqueFolders } from './zip-layout';

export interface ExportOptions {
	faceCrops: boolean;
	/** Names the ZIP when several videos go into it (a batch name, "selection"…). */
	label?: string;
	/** What is being done, in the reader's language, and how far along (0..1). */
	onProgress?: (step: string, fraction: number) => void;
}

export interface ExportResult {
	fileName: string;
	videos: number;
	images: number;
	/** The ZIP, unless it was streamed straight to a file. */
	blob: Blob | null;
}

/** Above this many bytes of images, stream to disk where the browser can. */
export const STREAM_THRESHOLD_BYTES = 256 * 1024 * 1024;

interface SaveFilePicker {
	showSaveFilePicker(options: {
		suggestedName: string;
		types: { description: string; accept: Record<string, string[]> }[];
	}): Promise<{
		createWritable(): Promise<{ write(data: Uint8Array): Promise<void>; close(): Promise<void> }>;
	}>;
}

async function exportableVideos(db: KffDatabase, ids: string[]): Promise<VideoRecord[]> {
	const rows = await getVideos(db, ids);
	// Videos in the trash are never exported.
	return rows.filter(
		(v): v is VideoRecord => !!v && v.deletedAt === NOT_DELETED && v.keyframeCount > 0
	);
}

async function streamToFile(
	zip: JSZip,
	fileName: string,
	report: (f: number) => void
): Promise<void> {
	const picker = window as unknown as SaveFilePicker;
	const handle = await picker.showSaveFilePicker({
		suggestedName: fileName,
		types: [{ description: m.export_zip_archive(), accept: { 'application/zip': ['.zip'] } }]
	});
	const writable = await handle.createWritable();
	await new Promise<void>((resolve, reject) => {
		const stream = zip.generateInternalStream({
			type: 'uint8array',
			compression: 'STORE',
			streamFiles: true
		});
		stream
			.on('data', (chunk, meta) => {
				// Backpressure: wait for the disk before reading the next chunk.
				stream.pause();
				report(meta.percent / 100);
				writable.write(chunk).then(() => stream.resume(), reject);
			})
			.on('error', reject)
			.on('end', () => {
				writable.close().then(resolve, reject);
			})
			.resume();
	});
}

export async function exportZip(
	db: KffDatabase,
	videoIds: string[],
	options: ExportOptions
): Promise<ExportResult> {
	const report = options.onProgress ?? (() => {});
	const videos = await exportableVideos(db, videoIds);
	if (videos.length === 0) throw new Error(m.export_nothing());
	const single = videos.length === 1;
	const folders = single ? [''] : uniqueFolders(videos.map((v) => v.name));
	const fileName = single
		? zipFileName(videos[0].name)
		: `${sanitizeFileName(options.label ?? 'key-face-frame')}_keyframes.zip`;

	const zip = new JSZip();
	let images = 0;
	let bytes = 0;
	for (const [i, video] of videos.entries()) {
		report(m.export_collecting({ name: video.name }), (0.5 * i) / videos.length);
		const [keyframes, annotations] = await Promise.all([
			keyframesOfVideo(db, video.id),
			getAnnotations(db, video.id)
		]);
		const byId = new Map<string, KeyframeRecord>(keyframes.map((k) => [k.id, k]));
		const plan = planVideo(video, keyframes, annotations, {
			folder: folders[i],
			faceCrops: options.faceCrops
		});
		for (const image of plan.images) {
			const source = byId.get(image.keyframeId)!.image;
			const data = image.crop ? await cropJpeg(source, image.crop) : source;
			zip.file(image.path, data, { binary: true });
			bytes += data.size;
			images++;
		}
		const prefix = plan.folder ? `${plan.folder}/` : '';
		zip.file(`${prefix}metadata.json`, plan.metadataJson);
		zip.file(`${prefix}metadata.csv`, plan.metadataCsv);
	}

	const writeProgress = (f: number) => report(m.export_writing(), 0.5 + 0.5 * f);
	if (bytes > STREAM_THRESHOLD_BYTES && 'showSaveFilePicker' in window) {
		await streamToFile(zip, fileName, writeProgress);
		return { fileName, videos: videos.length, images, blob: null };
	}
	const blob = await zip.generateAsync(
		{ type: 'blob', compression: 'STORE', streamFiles: true },
		(meta) => writeProgress(meta.percent / 100)
	);
	return { fileName, videos: videos.length, images, blob };
}
