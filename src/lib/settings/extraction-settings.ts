// The one place for settings: defaults (from the product's history), bounds, validation and the
// stored copy. Extraction settings, plus storage ones (keep originals, days in Trash). The UI,
// the scheduler, start-up and the worker all read these from here. No words: validation names
// the problem, and $lib/i18n/settings-words.ts says it in the reader's language.

export type FaceModel = 'full' | 'short';
/** 'auto': WebCodecs when the browser decodes the codec, else ffmpeg.wasm. */
export type DecoderChoice = 'auto' | 'ffmpeg';

/** How sampling is paced: every n-th frame, or every n seconds (a frame step from the rate). */
export type SampleUnit = 'frames' | 'seconds';

export interface ExtractionSettings {
	/** Decode every n-th frame for detection (when `sampleUnit` is 'frames'). */
	sampleRate: number;
	sampleUnit: SampleUnit;
	/** Seconds between sampled frames (when `sampleUnit` is 'seconds'). */
	sampleSeconds: number;
	/**
	 * Only this part of each video, in seconds from its start; null = from the start, to the end.
	 * Set per batch on New batch; rows stored before ranges existed lack both (= the whole video).
	 */
	rangeStartSec: number | null;
	rangeEndSec: number | null;
	/** Most keyframes kept per video. */
	maxFrames: number;
	/** Lowest face-detector confidence that counts as a face. */
	confidence: number;
	model: FaceModel;
	decoder: DecoderChoice;
}

export const CONCURRENCY_CHOICES = [1, 2, 3] as const;
/** 'auto': as many videos at once as the device's cores serve best (`resolveConcurrency`). */
export type ConcurrencyChoice = 'auto' | (typeof CONCURRENCY_CHOICES)[number];

export interface AppSettings extends ExtractionSettings {
	/** Videos processed at the same time (worker pool size). */
	concurrency: ConcurrencyChoice;
	/** Keep a video's original file after its keyframes are saved (off frees space). */
	keepOriginals: boolean;
	/** Days a video stays in the Trash before start-up deletes it for good. */
	trashRetentionDays: number;
}

export const DEFAULT_SETTINGS: Readonly<AppSettings> = Object.freeze({
	sampleRate: 5,
	sampleUnit: 'frames',
	sampleSeconds: 1,
	rangeStartSec: null,
	rangeEndSec: null,
	maxFrames: 20,
	confidence: 0.5,
	model: 'full',
	decoder: 'auto',
	concurrency: 'auto',
	keepOriginals: true,
	trashRetentionDays: 30
});

interface NumberBound {
	min: number;
	max: number;
	step: number;
	integer: boolean;
}

export const SETTING_BOUNDS = {
	sampleRate: { min: 1, max: 300, step: 1, integer: true },
	sampleSeconds: { min: 0.1, max: 600, step: 0.1, integer: false },
	maxFrames: { min: 1, max: 500, step: 1, integer: true },
	confidence: { min: 0.05, max: 0.99, step: 0.05, integer: false },
	concurrency: { min: 1, max: 3, step: 1, integer: true },
	trashRetentionDays: { min: 1, max: 3650, step: 1, integer: true }
} as const satisfies Record<string, NumberBound>;

/** The settings that are numbers within bounds. */
export type NumericSetting = keyof typeof SETTING_BOUNDS;

/** What is wrong with a setting's value; the UI puts it in words. */
export type SettingProblem =
	| { setting: NumericSetting; problem: 'not-a-number' | 'not-whole' }
	| { setting: NumericSetting; problem: 'out-of-range'; min: number; max: number }
	| { setting: 'model' | 'decoder'; problem: 'no-choice' }
	| { setting: 'rangeStartSec' | 'rangeEndSec'; problem: 'negative' }
	| { setting: 'rangeEndSec'; problem: 'not-after-start' };

/** Every problem of a settings object, by field. */
export type SettingErrors = Partial<Record<keyof AppSettings, SettingProblem>>;

/**
 * Videos at once for `cores` logical cores: one per two cores, 1 to 3. One video's run keeps
 * about two cores busy by itself (the browser's decoder threads, the extractor, the detector's
 * thread, which encodes keyframes too at the end), and each video running at once pays its own
 * worker's face-model start-up: measured on 2 cores (`npm run bench -- --only batch`, 4 × the
 * 60 s video), 2 at once gave 0.91× the throughput of 1 in two runs (2.09× and 1.92× native
 * against 1.90× and 1.75×), 3 at once 0.76–0.85×. Before the detector's thread shared the
 * encoding, 2 gave 1.04× (within the noise).
 */
export function resolveConcurrency(
	choice: ConcurrencyChoice,
	cores: number = globalThis.navigator?.hardwareConcurrency ?? 2
): number {
	if (choice !== 'auto') return choice;
	return Math.min(CONCURRENCY_CHOICES.length, Math.max(1, Math.floor(cores / 2)));
}

/** The face models, in the order the UI offers them (the default first). */
export const FACE_MODELS: readonly FaceModel[] = ['full', 'short'];

/** The decoder choices, in the order the UI offers them (the default first). */
export const DECODER_CHOICES: readonly DecoderChoice[] = ['auto', 'ffmpeg'];

/** What is wrong with a value out of bounds, or null when it is valid. */
export function validateSetting(key: NumericSetting, value: number): SettingProblem | null {
	const b: NumberBound = SETTING_BOUNDS[key];
	if (!Number.isFinite(value)) return { setting: key, problem: 'not-a-number' };
	if (b.integer && !Number.isInteger(value)) return { setting: key, problem: 'not-whole' };
	if (value < b.min || value > b.max)
		return { setting: key, problem: 'out-of-range', min: b.min, max: b.max };
	return null;
}

/** Every problem with a settings object, keyed by field; empty when all are valid. */
export function validateSettings(s: AppSettings): SettingErrors {
	const errors: SettingErrors = {};
	for (const key of Object.keys(SETTING_BOUNDS) as NumericSetting[]) {
		const value = s[key];
		if (value === 'auto') continue;
		const problem = validateSetting(key, value);
		if (problem) errors[key] = problem;
	}
	for (const key of ['rangeStartSec', 'rangeEndSec'] as const) {
		const v = s[key];
		if (v !== null && !(v >= 0)) errors[key] = { setting: key, problem: 'negative' };
	}
	const { rangeStartSec: start, rangeEndSec: end } = s;
	if (start !== null && end !== null && !errors.rangeEndSec && end <= start)
		errors.rangeEndSec = { setting: 'rangeEndSec', problem: 'not-after-start' };
	if (!FACE_MODELS.includes(s.model)) errors.model = { setting: 'model', problem: 'no-choice' };
	if (!DECODER_CHOICES.includes(s.decoder))
		errors.decoder = { setting: 'decoder', problem: 'no-choice' };
	return errors;
}

/** Merges stored (possibly stale or tampered) values over the defaults, keeping only valid ones. */
export function sanitizeSettings(stored: unknown): AppSettings {
	const result: AppSettings = { ...DEFAULT_SETTINGS };
	if (!stored || typeof stored !== 'object') return result;
	const raw = stored as Record<string, unknown>;
	for (const key of Object.keys(SETTING_BOUNDS) as NumericSetting[]) {
		const v = raw[key];
		if (typeof v === 'number' && validateSetting(key, v) === null)
			Object.assign(result, { [key]: v });
	}
	if (raw.concurrency === 'auto') result.concurrency = 'auto';
	if (raw.model === 'full' || raw.model === 'short') result.model = raw.model;
	if (raw.decoder === 'auto' || raw.decoder === 'ffmpeg') result.decoder = raw.decoder;
	if (raw.sampleUnit === 'frames' || raw.sampleUnit === 'seconds')
		result.sampleUnit = raw.sampleUnit;
	// A time range belongs to one batch: it is never a saved default.
	if (typeof raw.keepOriginals === 'boolean') result.keepOriginals = raw.keepOriginals;
	return result;
}

/** Where the user's settings are persisted (localStorage). */
export const SETTINGS_STORAGE_KEY = 'kff.settings';

/**
 * The saved settings (not unsaved edits on a form), valid ones only; the defaults when nothing
 * is stored or storage cannot be read. Start-up and the scheduler read them here.
 */
export function loadStoredSettings(
	storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage
): AppSettings {
	try {
		return sanitizeSettings(JSON.parse(storage?.getItem(SETTINGS_STORAGE_KEY) ?? 'null'));
	} catch {
		return { ...DEFAULT_SETTINGS };
	}
}

export function extractionPart(s: AppSettings): ExtractionSettings {
	return {
		sampleRate: s.sampleRate,
		sampleUnit: s.sampleUnit,
		sampleSeconds: s.sampleSeconds,
		rangeStartSec: s.rangeStartSec,
		rangeEndSec: s.rangeEndSec,
		maxFrames: s.maxFrames,
		confidence: s.confidence,
		model: s.model,
		decoder: s.decoder
	};
}

/** Whether two runs measure the same: a run's checkpoint only serves a run with equal settings. */
export function sameExtraction(a: ExtractionSettings, b: ExtractionSettings): boolean {
	const keys: (keyof ExtractionSettings)[] = [
		'sampleRate',
		'sampleUnit',
		'sampleSeconds',
		'rangeStartSec',
		'rangeEndSec',
		'maxFrames',
		'confidence',
		'model',
		'decoder'
	];
	return keys.every((k) => a[k] === b[k]);
}

/** The presets New batch offers, as the original project had them (Standard is the default). */
export type PresetName = 'fast' | 'standard' | 'thorough';
export const PRESETS: Readonly<
	Record<PresetName, Pick<ExtractionSettings, 'sampleRate' | 'maxFrames'>>
> = {
	fast: { sampleRate: 10, maxFrames: 10 },
	standard: { sampleRate: DEFAULT_SETTINGS.sampleRate, maxFrames: DEFAULT_SETTINGS.maxFrames },
	thorough: { sampleRate: 1, maxFrames: 50 }
};
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

/** The preset these settings are, or null when they were changed by hand. */
export function presetOf(s: ExtractionSettings): PresetName | null {
	if (s.sampleUnit !== 'frames') return null;
	return (
		PRESET_NAMES.find(
			(name) => PRESETS[name].sampleRate === s.sampleRate && PRESETS[name].maxFrames === s.maxFrames
		) ?? null
	);
}

export function withPreset<S extends ExtractionSettings>(s: S, name: PresetName): S {
	return { ...s, ...PRESETS[name], sampleUnit: 'frames' };
}

export interface SamplingPlan {
	/** Every n-th frame. */
	sampleRate: number;
	/** Frames before this time (s) are not looked at. */
	startSec: number;
	/** Sampling stops after this time (s); Infinity = to the end. */
	endSec: number;
}

/**
 * What a run samples of a video with this frame rate: the frame step (from seconds at the
 * video's rate, at least every frame) and the time range. Settings stored before sampling by
 * seconds and ranges existed (fields absent) sample every `sampleRate`-th frame of all of it.
 */
export function samplingPlan(s: ExtractionSettings, fps: number): SamplingPlan {
	const bySeconds = s.sampleUnit === 'seconds' && fps > 0;
	return {
		sampleRate: bySeconds ? Math.max(1, Math.round(s.sampleSeconds * fps)) : s.sampleRate,
		startSec: s.rangeStartSec ?? 0,
		endSec: s.rangeEndSec ?? Infinity
	};
}
