// What goes into an export ZIP, decided from plain data (no Blobs, no Dexie): entry paths,
// metadata.json and metadata.csv per video. The ZIP contract is in ARCHITECTURE.md.
import { fileStem, keyframeFileName, sanitizeFileName } from '$lib/pipeline/naming';
import { formatTimestamp } from '$lib/pipeline/time-format';
import type { Rect } from '$lib/pipeline/types';
import { toCsv } from './csv';

export interface ExportVideo {
	id: string;
	name: string;
	durationSec: number | null;
	width: number | null;
	height: number | null;
	fps: number | null;
	settings: object;
}

export interface ExportKeyframe {
	id: string;
	frameIndex: number;
	timeSec: number;
	score: number;
	faces: (Rect & { score: number })[];
	width: number;
	height: number;
}

export interface ExportAnnotation {
	frameIndex: number;
	notes: string;
	tags: string[];
	deleted: boolean;
}

export interface PlannedImage {
	path: string;
	keyframeId: string;
	/** Set for a face crop: the face box in source pixels, already grown by the margin. */
	crop?: Rect;
}

export interface PlannedVideo {
	folder: string;
	images: PlannedImage[];
	metadataJson: string;
	metadataCsv: string;
}

/** Margin added around each face crop, as a share of the face's size on each side. */
export const FACE_CROP_MARGIN = 0.3;

export const CSV_HEADER = [
	'file',
	'frameIndex',
	'timeSec',
	'time',
	'score',
	'faceCount',
	'faces',
	'notes',
	'tags'
];

function cropWithMargin(face: Rect, width: number, height: number): Rect {
	const mx = face.width * FACE_CROP_MARGIN;
	const my = face.height * FACE_CROP_MARGIN;
	const x = Math.max(0, Math.floor(face.x - mx));
	const y = Math.max(0, Math.floor(face.y - my));
	return {
		x,
		y,
		width: Math.min(width, Math.ceil(face.x + face.width + mx)) - x,
		height: Math.min(height, Math.ceil(face.y + face.height + my)) - y
	};
}

const round = (v: number, digits: number) => Number(v.toFixed(digits));

/**
 * Folder names for several videos: the sanitized stem, made unique with " (2)", " (3)"… Unique
 * ignoring case (Windows and macOS unzip 'A' and 'a' into one folder), also against a name that
 * already looks numbered ('a (2).mp4').
 */
export function uniqueFolders(names: string[]): string[] {
	const taken = new Set<string>();
	return names.map((name) => {
		const base = fileStem(sanitizeFileName(name)) || 'video';
		let folder = base;
		for (let n = 2; taken.has(folder.toLowerCase()); n++) folder = `${base} (${n})`;
		taken.add(folder.toLowerCase());
		return folder;
	});
}

/**
 * The entries of one video: kept keyframes only (a keyframe marked deleted is left out),
 * in time order, optionally with a crop of every face under `faces/`.
 */
export function planVideo(
	video: ExportVideo,
	keyframes: ExportKeyframe[],
	annotations: ExportAnnotation[],
	options: { folder: string; faceCrops: boolean }
): PlannedVideo {
	const notesOf = new Map(annotations.map((a) => [a.frameIndex, a]));
	const kept = keyframes
		.filter((k) => !notesOf.get(k.frameIndex)?.deleted)
		.sort((a, b) => a.timeSec - b.timeSec);
	const prefix = options.folder ? `${options.folder}/` : '';
	const images: PlannedImage[] = [];
	const rows = kept.map((k) => {
		const file = keyframeFileName(video.name, k.timeSec, k.frameIndex);
		images.push({ path: prefix + file, keyframeId: k.id });
		if (options.faceCrops) {
			k.faces.forEach((face, i) => {
				images.push({
					path: `${prefix}faces/${file.replace(/\.jpg$/, '')}_face${i + 1}.jpg`,
					keyframeId: k.id,
					crop: cropWithMargin(face, k.width, k.height)
				});
			});
		}
		const annotation = notesOf.get(k.frameIndex);
		return {
			file,
			frameIndex: k.frameIndex,
			timeSec: round(k.timeSec, 3),
			score: round(k.score, 4),
			faces: k.faces.map((f) => ({
				x: round(f.x, 1),
				y: round(f.y, 1),
				width: round(f.width, 1),
				height: round(f.height, 1),
				score: round(f.score, 4)
			})),
			notes: annotation?.notes ?? '',
			tags: annotation?.tags ?? []
		};
	});
	const metadata = {
		video: {
			name: video.name,
			durationSec: video.durationSec,
			width: video.width,
			height: video.height,
			fps: video.fps
		},
		settings: video.settings,
		keyframes: rows
	};
	const csv = toCsv(
		CSV_HEADER,
		rows.map((r) => [
			r.file,
			r.frameIndex,
			r.timeSec,
			formatTimestamp(r.timeSec),
			r.score,
			r.faces.length,
			r.faces.map((f) => `${f.x} ${f.y} ${f.width} ${f.height} ${f.score}`).join('; '),
			r.notes,
			r.tags.join('; ')
		])
	);
	return {
		folder: options.folder,
		images,
		metadataJson: JSON.stringify(metadata, null, 2),
		metadataCsv: csv
	};
}
