// Exports the kept keyframes of one or more videos as one ZIP, with memory that does not grow
// with the export: the file is asked for first (while the click still counts as a gesture),
// then the entries are planned from the rows and written one at a time, each JPEG read from
// IndexedDB only when the ZIP writer is ready for it (face crops are cut then too).
import { getAnnotations } from '$lib/db/annotations';
import type { KffDatabase } from '$lib/db/database';
import { keyframeImage, keyframesOfVideo } from '$lib/db/keyframes';
import { personsOfVideo, videosOfPerson } from '$lib/db/people';
import { getVideos } from '$lib/db/videos';
import { NOT_DELETED, type VideoRecord } from '$lib/db/types';
import { m } from '$lib/paraglide/messages';
import { framesWithPerson } from '$lib/people/face-key';
import { sanitizeFileName, zipFileName } from '$lib/pipeline/naming';
import type { ExportChoices } from '$lib/settings/export-options';
import { cropImage } from './face-crop';
import { openSaveTarget } from './save-target';
import { planVideo, uniqueFolders, type PlannedImage, type PlannedVideo } from './zip-layout';
import { writeZip, type ZipEntry } from './zip-writer';

export interface ExportOptions {
	/** Face crops and their shape, size and format; editor markers; dataset labels. */
	choices: ExportChoices;
	/** Names the ZIP when several videos go into it (a batch name, "selection"…). */
	label?: string;
	/** Only the keyframes on which this person has a face (a person filter); videos without any are left out. */
	personId?: string | null;
	/** A folder per video even for one video (a person's ZIP). */
	folderPerVideo?: boolean;
	/** Runs once the file is chosen, before anything is read (e.g. writes pending annotations). */
	prepare?: () => Promise<void>;
	/** What is being done, in the reader's language, and how far along (0..1). */
	onProgress?: (step: string, fraction: number) => void;
}

export interface ExportResult {
	/** The saved file's name (the one picked, where the person picked one). */
	fileName: string;
	videos: number;
	images: number;
}

async function exportableVideos(
	db: KffDatabase,
	ids: string[],
	personId: string | null
): Promise<VideoRecord[]> {
	const withPerson = personId ? new Set(await videosOfPerson(db, personId)) : null;
	const rows = await getVideos(db, withPerson ? ids.filter((id) => withPerson.has(id)) : ids);
	// Videos in the trash are never exported.
	return rows.filter(
		(v): v is VideoRecord => !!v && v.deletedAt === NOT_DELETED && v.keyframeCount > 0
	);
}

async function planVideos(
	db: KffDatabase,
	videos: VideoRecord[],
	options: ExportOptions
): Promise<PlannedVideo[]> {
	const { choices, personId } = options;
	const folders =
		videos.length === 1 && !options.folderPerVideo
			? ['']
			: uniqueFolders(videos.map((v) => v.name));
	const plans: PlannedVideo[] = [];
	for (const [i, video] of videos.entries()) {
		const [all, annotations, people] = await Promise.all([
			keyframesOfVideo(db, video.id),
			getAnnotations(db, video.id),
			personsOfVideo(db, video.id)
		]);
		const ofPerson = personId ? framesWithPerson(people, personId) : null;
		const keyframes = ofPerson ? all.filter((k) => ofPerson.has(k.frameIndex)) : all;
		// The plan keeps ids, not the rows: their image Blobs are read again one at a time.
		plans.push(planVideo(video, keyframes, annotations, { folder: folders[i], choices, people }));
	}
	return plans;
}

/** A face crop in its chosen format; a browser that cannot encode it says so, never mislabels. */
async function cropOf(source: Blob, crop: NonNullable<PlannedImage['crop']>): Promise<Blob> {
	const blob = await cropImage(source, crop.rect, crop.output);
	if (blob.type !== crop.output.mime) throw new Error(m.export_format_unsupported());
	return blob;
}

/**
 * The entries in ZIP order. The first pull runs `prepare` and plans every video from its rows;
 * each JPEG is then read only when the writer is ready for it.
 */
async function* entriesOf(
	db: KffDatabase,
	videos: VideoRecord[],
	options: ExportOptions,
	count: { images: number }
): AsyncGenerator<ZipEntry> {
	const report = options.onProgress ?? (() => {});
	await options.prepare?.();
	const plans = await planVideos(db, videos, options);
	const total = plans.reduce((n, p) => n + p.images.length, 0);
	for (const [i, plan] of plans.entries()) {
		const step = m.export_collecting({ name: videos[i].name });
		for (const image of plan.images) {
			report(step, count.images / total);
			const source = await keyframeImage(db, image.keyframeId);
			if (!source) throw new Error(m.export_keyframe_gone());
			yield { path: image.path, data: image.crop ? await cropOf(source, image.crop) : source };
			count.images++;
		}
		const prefix = plan.folder ? `${plan.folder}/` : '';
		yield { path: `${prefix}metadata.json`, data: new Blob([plan.metadataJson]) };
		yield { path: `${prefix}metadata.csv`, data: new Blob([plan.metadataCsv]) };
		for (const file of plan.sidecars) yield { path: file.path, data: new Blob([file.text()]) };
	}
	report(m.export_writing(), 1);
}

export async function exportZip(
	db: KffDatabase,
	videoIds: string[],
	options: ExportOptions
): Promise<ExportResult> {
	// Only the video rows (and a filtered person's videos) are read before the picker: their names
	// name the file.
	const videos = await exportableVideos(db, videoIds, options.personId ?? null);
	if (videos.length === 0) throw new Error(m.export_nothing());
	const fileName =
		videos.length === 1 && !options.folderPerVideo
			? zipFileName(videos[0].name)
			: `${sanitizeFileName(options.label ?? 'key-face-frame')}_keyframes.zip`;
	const target = await openSaveTarget(fileName);
	const count = { images: 0 };
	await writeZip(entriesOf(db, videos, options, count), target.writable);
	await target.done();
	return { fileName: target.name, videos: videos.length, images: count.images };
}
