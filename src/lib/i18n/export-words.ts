// The words for the export choices (crop shapes, sizes, formats), in the reader's language.
import { m } from '$lib/paraglide/messages';
import type { CropFormat, CropShape, CropSize } from '$lib/settings/export-options';

const SHAPE: Record<CropShape, () => string> = {
	face: m.export_crop_shape_face,
	square: m.export_crop_shape_square,
	'4:5': m.export_crop_shape_portrait,
	'16:9': m.export_crop_shape_wide
};

const FORMAT: Record<CropFormat, () => string> = {
	jpeg: m.export_crop_format_jpeg,
	png: m.export_crop_format_png,
	webp: m.export_crop_format_webp
};

export const cropShapeLabel = (shape: CropShape): string => SHAPE[shape]();

export const cropSizeLabel = (size: CropSize): string =>
	size === 'original' ? m.export_crop_size_original() : m.export_crop_size_pixels({ size });

export const cropFormatLabel = (format: CropFormat): string => FORMAT[format]();
