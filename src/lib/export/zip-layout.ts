// What goes into an export ZIP, decided from plain data (no Blobs, no Dexie): entry paths,
// metadata.json and metadata.csv per video. The ZIP contract is in ARCHITECTURE.md.
import { faceKey } from '$lib/people/face-key';
import { fileStem, keyframeFileName, sanitizeFileName } from '$lib/pipeline/naming';
import { scoredFace } from '$lib/pipeline/score';
import { formatTimestamp } from '$lib/pipeline/time-format';
import type { FaceBox, Rect } from '$lib/pipeline/types';
import {
	CROP_FORMAT_FILE,
	DEFAULT_EXPORT_CHOICES,
	type ExportChoices
} from '$lib/settings/export-options';
import { displaySize } from '$lib/shared/display-size';
import { cropOutputSize, cropRect } from './crop-geometry';
import { toCsv } from './csv';
import { cocoJson, yoloLabelPath, yoloLabels, type LabelImage } from './dataset-labels';
import {
	markerEdl,
	markerFcpxml,
	resolveMarkerCsv,
	type KeyframeMarker,
	type MarkerVideo
} from './editor-markers';
import type { CropOutput } from './face-crop';

export interface ExportVideo {
	id: string;
	name: string;
	durationSec: number | null;
	/** Coded size; metadata and markers give the display size (`rotation` applied). */
	width: number | null;
	height: number | null;
	rotation: number | null;
	fps: number | null;
	tags: string[];
	settings: object;
}

export interface ExportKeyframe {
	id: string;
	frameIndex: number;
	timeSec: number;
	score: number;
	faces: FaceBox[];
	/** See ScoredFrame `subject`: the face a reference run scored, when not the best one. */
	subject?: number;
	/** The JPEG's size (upright, as displayed). */
	width: number;
	height: number;
	/** Picked by hand from the player rather than chosen by the run. */
	addedByHand?: boolean;
}

function scoredFaceIndex(k: ExportKeyframe): number | null {
	const face = scoredFace(k, k.width, k.height);
	return face ? k.faces.indexOf(face) : null;
}

export interface ExportAnnotation {
	frameIndex: number;
	notes: string;
	tags: string[];
	deleted: boolean;
	/** Absent on rows older than ratings: exported as 0 and null. */
	rating?: number;
	flag?: 'pick' | 'reject' | null;
}

/** Who a face is (People), keyed by faceKey in a video's plan. */
export interface FacePerson {
	personId: string;
	name: string | null;
}

export interface PlannedImage {
	path: string;
	keyframeId: string;
	/** Set for a face crop: where it is cut in the keyframe, and its size and format in the ZIP. */
	crop?: { rect: Rect; output: CropOutput };
}

/**
 * A text file written beside the images (markers, labels), made only when the writer reaches
 * it: a selection of many videos does not hold every video's labels at once.
 */
export interface PlannedText {
	path: string;
	text: () => string;
}

export interface PlannedVideo {
	folder: string;
	images: PlannedImage[];
	metadataJson: string;
	metadataCsv: string;
	/** Editor markers and dataset labels, when chosen, in ZIP order. */
	sidecars: PlannedText[];
}

export const CSV_HEADER = [
	'file',
	'frameIndex',
	'timeSec',
	'time',
	'score',
	'faceCount',
	'faces',
	'person',
	'notes',
	'tags',
	'rating',
	'flag',
	'addedByHand'
];

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

/** The markers and labels chosen for one video, each made when the writer reaches it. */
function sidecarFiles(
	prefix: string,
	choices: ExportChoices,
	video: MarkerVideo,
	markers: KeyframeMarker[],
	images: LabelImage[]
): PlannedText[] {
	const files: PlannedText[] = [];
	if (choices.editorMarkers) {
		files.push(
			{ path: `${prefix}markers.edl`, text: () => markerEdl(video, markers) },
			{ path: `${prefix}markers.fcpxml`, text: () => markerFcpxml(video, markers) },
			{ path: `${prefix}markers.csv`, text: () => resolveMarkerCsv(video, markers) }
		);
	}
	if (choices.datasetLabels) {
		const description = `Faces in the keyframes of ${video.name}`;
		files.push({
			path: `${prefix}annotations/coco.json`,
			text: () => cocoJson(images, { description })
		});
		for (const image of images)
			files.push({ path: prefix + yoloLabelPath(image.file), text: () => yoloLabels(image) });
	}
	return files;
}

/**
 * The entries of one video: kept keyframes only (a keyframe marked deleted is left out), in time
 * order, optionally with a crop of every face under `faces/`, editor markers and dataset labels.
 */
export function planVideo(
	video: ExportVideo,
	keyframes: ExportKeyframe[],
	annotations: ExportAnnotation[],
	options: {
		folder: string;
		choices?: ExportChoices;
		/** Who each face is; a face missing here has no person (null). */
		people?: ReadonlyMap<string, FacePerson>;
	}
): PlannedVideo {
	const choices = options.choices ?? DEFAULT_EXPORT_CHOICES;
	const notesOf = new Map(annotations.map((a) => [a.frameIndex, a]));
	const kept = keyframes
		.filter((k) => !notesOf.get(k.frameIndex)?.deleted)
		.sort((a, b) => a.timeSec - b.timeSec);
	const prefix = options.folder ? `${options.folder}/` : '';
	const cropFile = CROP_FORMAT_FILE[choices.crop.format];
	const images: PlannedImage[] = [];
	const labelImages: LabelImage[] = [];
	const markers: KeyframeMarker[] = [];
	const rows = kept.map((k) => {
		const file = keyframeFileName(video.name, k.timeSec, k.frameIndex);
		images.push({ path: prefix + file, keyframeId: k.id });
		const faceCrops: string[] = [];
		if (choices.faceCrops) {
			k.faces.forEach((face, i) => {
				const path = `faces/${fileStem(file)}_face${i + 1}.${cropFile.extension}`;
				const rect = cropRect(face, k, choices.crop);
				faceCrops.push(path);
				images.push({
					path: prefix + path,
					keyframeId: k.id,
					crop: { rect, output: { ...cropOutputSize(rect, choices.crop), mime: cropFile.mime } }
				});
			});
		}
		const annotation = notesOf.get(k.frameIndex);
		const faces = k.faces.map((f) => ({
			x: round(f.x, 1),
			y: round(f.y, 1),
			width: round(f.width, 1),
			height: round(f.height, 1),
			score: round(f.score, 4)
		}));
		const persons = k.faces.map((_, i) => options.people?.get(faceKey(k.frameIndex, i)) ?? null);
		const notes = annotation?.notes ?? '';
		const tags = annotation?.tags ?? [];
		// Labels take the boxes exactly as metadata.json lists them.
		labelImages.push({
			file,
			width: k.width,
			height: k.height,
			faces: faces.map((f, i) => ({
				...f,
				keypoints: (k.faces[i].keypoints ?? []).map((p) => ({ x: round(p.x, 1), y: round(p.y, 1) }))
			}))
		});
		markers.push({ file, frameIndex: k.frameIndex, timeSec: k.timeSec, notes, tags });
		return {
			file,
			frameIndex: k.frameIndex,
			timeSec: round(k.timeSec, 3),
			score: round(k.score, 4),
			// Which face the score is about (its index in `faces`), null without faces.
			scoredFace: scoredFaceIndex(k),
			faces: faces.map((f, i) => ({
				...f,
				personId: persons[i]?.personId ?? null,
				person: persons[i]?.name ?? null
			})),
			...(choices.faceCrops ? { faceCrops } : {}),
			notes,
			tags,
			rating: annotation?.rating ?? 0,
			flag: annotation?.flag ?? null,
			addedByHand: k.addedByHand === true
		};
	});
	const shown = displaySize(video);
	const metadata = {
		video: {
			name: video.name,
			durationSec: video.durationSec,
			width: shown.width,
			height: shown.height,
			fps: video.fps,
			rotation: video.rotation ?? 0,
			tags: video.tags
		},
		settings: video.settings,
		export: {
			faceCrops: choices.faceCrops ? { ...choices.crop } : null,
			editorMarkers: choices.editorMarkers,
			datasetLabels: choices.datasetLabels
		},
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
			// Per face, in the order of `faces`: the name, else the person's id, else nothing.
			r.faces.map((f) => f.person ?? f.personId ?? '').join('; '),
			r.notes,
			r.tags.join('; '),
			r.rating,
			r.flag ?? '',
			String(r.addedByHand)
		])
	);
	const sidecars = sidecarFiles(prefix, choices, { ...video, ...shown }, markers, labelImages);
	return {
		folder: options.folder,
		images,
		metadataJson: JSON.stringify(metadata, null, 2),
		metadataCsv: csv,
		sidecars
	};
}
