// The one place for export choices: what an export can add (editor markers, dataset labels, face
// crops), the crop choices with their defaults and bounds, and the stored copy (the last choices
// are remembered). The export panel, the ZIP planner and metadata.json read them here. No words:
// the panel words them in the reader's language.

export type CropShape = 'face' | 'square' | '4:5' | '16:9';
export type CropSize = 'original' | 256 | 512 | 1024;
export type CropFormat = 'jpeg' | 'png' | 'webp';

export interface CropOptions {
	/** 'face': the face's own box (grown by the padding); otherwise that width:height ratio. */
	shape: CropShape;
	/** Added on each side, in % of the face box's width and height. */
	paddingPercent: number;
	/** The crop's longer side in pixels, or its own pixels ('original'). */
	size: CropSize;
	format: CropFormat;
}

export interface ExportChoices {
	faceCrops: boolean;
	crop: CropOptions;
	/** markers.edl, markers.fcpxml and markers.csv (DaVinci Resolve) per video. */
	editorMarkers: boolean;
	/** annotations/coco.json and labels/<image stem>.txt (YOLO) per video. */
	datasetLabels: boolean;
}

/** In the order the panel offers them (the default first). */
export const CROP_SHAPES: readonly CropShape[] = ['face', 'square', '4:5', '16:9'];
export const CROP_SIZES: readonly CropSize[] = ['original', 256, 512, 1024];
export const CROP_FORMATS: readonly CropFormat[] = ['jpeg', 'png', 'webp'];
export const CROP_PADDING_BOUNDS = { min: 0, max: 200, step: 5 } as const;

/** width / height of each fixed shape. */
export const CROP_ASPECT: Record<Exclude<CropShape, 'face'>, number> = {
	square: 1,
	'4:5': 4 / 5,
	'16:9': 16 / 9
};

export const CROP_FORMAT_FILE: Record<CropFormat, { mime: string; extension: string }> = {
	jpeg: { mime: 'image/jpeg', extension: 'jpg' },
	png: { mime: 'image/png', extension: 'png' },
	webp: { mime: 'image/webp', extension: 'webp' }
};

/** What face crops always were: the face's box with 30 % around it, as JPEG at its own size. */
export const DEFAULT_CROP: Readonly<CropOptions> = Object.freeze({
	shape: 'face',
	paddingPercent: 30,
	size: 'original',
	format: 'jpeg'
});

export const DEFAULT_EXPORT_CHOICES: Readonly<ExportChoices> = Object.freeze({
	faceCrops: false,
	crop: DEFAULT_CROP,
	editorMarkers: false,
	datasetLabels: false
});

/** A padding within bounds, or null. */
export function validPadding(value: unknown): number | null {
	if (typeof value !== 'number' || !Number.isFinite(value)) return null;
	const { min, max } = CROP_PADDING_BOUNDS;
	return value >= min && value <= max ? value : null;
}

const isOneOf = <T>(choices: readonly T[], value: unknown): value is T =>
	choices.includes(value as T);

/** Merges stored (possibly stale or tampered) choices over the defaults, keeping valid ones. */
export function sanitizeExportChoices(stored: unknown): ExportChoices {
	const raw = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
	const crop = (raw.crop && typeof raw.crop === 'object' ? raw.crop : {}) as Record<
		string,
		unknown
	>;
	const flag = (v: unknown, fallback: boolean) => (typeof v === 'boolean' ? v : fallback);
	return {
		faceCrops: flag(raw.faceCrops, DEFAULT_EXPORT_CHOICES.faceCrops),
		editorMarkers: flag(raw.editorMarkers, DEFAULT_EXPORT_CHOICES.editorMarkers),
		datasetLabels: flag(raw.datasetLabels, DEFAULT_EXPORT_CHOICES.datasetLabels),
		crop: {
			shape: isOneOf(CROP_SHAPES, crop.shape) ? crop.shape : DEFAULT_CROP.shape,
			paddingPercent: validPadding(crop.paddingPercent) ?? DEFAULT_CROP.paddingPercent,
			size: isOneOf(CROP_SIZES, crop.size) ? crop.size : DEFAULT_CROP.size,
			format: isOneOf(CROP_FORMATS, crop.format) ? crop.format : DEFAULT_CROP.format
		}
	};
}

/** Where the last export choices are remembered (localStorage). */
export const EXPORT_CHOICES_STORAGE_KEY = 'kff.export';

/** The remembered choices; the defaults when nothing is stored or storage cannot be read. */
export function loadExportChoices(): ExportChoices {
	try {
		const text = globalThis.localStorage?.getItem(EXPORT_CHOICES_STORAGE_KEY);
		return sanitizeExportChoices(text ? JSON.parse(text) : null);
	} catch {
		return sanitizeExportChoices(null);
	}
}

/** Remembers the choices; a full or blocked storage only loses the memory, never the export. */
export function storeExportChoices(choices: ExportChoices): void {
	try {
		globalThis.localStorage?.setItem(EXPORT_CHOICES_STORAGE_KEY, JSON.stringify(choices));
	} catch {
		// Nothing to do: the next export starts from the defaults.
	}
}
