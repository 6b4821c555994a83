// The settings' words in the reader's language: field labels, choices, and what validation found.
// $lib/settings holds no words (every layer reads it, the worker too); it names problems by code.
import { m } from '$lib/paraglide/messages';
import type {
	DecoderChoice,
	FaceModel,
	NumericSetting,
	SettingProblem
} from '$lib/settings/extraction-settings';
import { formatNumber } from './format';

const LABEL: Record<NumericSetting | 'model' | 'decoder', () => string> = {
	sampleRate: m.settings_sample_rate,
	sampleSeconds: m.picking_sample_seconds,
	maxFrames: m.settings_max_frames,
	confidence: m.settings_confidence,
	concurrency: m.settings_concurrency,
	trashRetentionDays: m.settings_trash_days,
	model: m.settings_model,
	decoder: m.settings_decoder
};

/** A setting's name, as its field is labelled. */
export const settingLabel = (setting: keyof typeof LABEL): string => LABEL[setting]();

/** What is wrong with a value, as a sentence: "Max frames must be between 1 and 500." */
export function settingProblemText(p: SettingProblem): string {
	switch (p.problem) {
		case 'not-a-number':
			return m.settings_error_not_number({ label: settingLabel(p.setting) });
		case 'not-whole':
			return m.settings_error_not_whole({ label: settingLabel(p.setting) });
		case 'out-of-range':
			return m.settings_error_range({
				label: settingLabel(p.setting),
				min: formatNumber(p.min),
				max: formatNumber(p.max)
			});
		case 'no-choice':
			return p.setting === 'model' ? m.settings_error_model() : m.settings_error_decoder();
		case 'negative':
			return m.picking_error_range_negative();
		case 'not-after-start':
			return m.picking_error_range_order();
	}
}

const MODEL_CHOICE: Record<FaceModel, () => string> = {
	full: m.settings_model_full,
	short: m.settings_model_short
};
const MODEL_NAME: Record<FaceModel, () => string> = {
	full: m.settings_model_full_name,
	short: m.settings_model_short_name
};
const DECODER_CHOICE: Record<DecoderChoice, () => string> = {
	auto: m.settings_decoder_auto,
	ffmpeg: m.settings_decoder_ffmpeg
};

/** A face model as the settings offer it, with what it is good at. */
export const faceModelChoice = (model: FaceModel): string => MODEL_CHOICE[model]();
/** A face model's short name: "Full range". */
export const faceModelName = (model: FaceModel): string => MODEL_NAME[model]();
/** A decoder choice as the settings offer it. */
export const decoderChoiceLabel = (choice: DecoderChoice): string => DECODER_CHOICE[choice]();
