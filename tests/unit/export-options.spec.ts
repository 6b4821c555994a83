import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPORT_CHOICES, sanitizeExportChoices } from '$lib/settings/export-options';

describe('sanitizeExportChoices', () => {
	it('keeps valid remembered choices and falls back to the defaults for the rest', () => {
		expect(sanitizeExportChoices(null)).toEqual(DEFAULT_EXPORT_CHOICES);
		expect(
			sanitizeExportChoices({
				faceCrops: true,
				editorMarkers: 'yes',
				datasetLabels: true,
				crop: { shape: '4:5', paddingPercent: 500, size: 512, format: 'gif' }
			})
		).toEqual({
			faceCrops: true,
			editorMarkers: false,
			datasetLabels: true,
			crop: { shape: '4:5', paddingPercent: 30, size: 512, format: 'jpeg' }
		});
	});
});
