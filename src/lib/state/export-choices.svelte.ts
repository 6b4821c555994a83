// The export panel's choices (face crops and how they are cut, editor markers, dataset labels),
// shared by every place that exports and remembered for the next export. Defaults, valid values
// and the stored copy are in $lib/settings/export-options.
import {
	loadExportChoices,
	sanitizeExportChoices,
	storeExportChoices,
	type ExportChoices
} from '$lib/settings/export-options';

export class ExportChoicesStore {
	#values = $state<ExportChoices>(loadExportChoices());

	/** Live, bindable values. */
	get values(): ExportChoices {
		return this.#values;
	}

	set values(values: ExportChoices) {
		this.#values = values;
	}

	/** The choices as plain data, valid ones only, and remembered for next time. */
	remember(): ExportChoices {
		const choices = sanitizeExportChoices($state.snapshot(this.#values));
		storeExportChoices(choices);
		return choices;
	}
}

let shared: ExportChoicesStore | undefined;

/** One store for the video page, the batch page and the history selection. */
export function exportChoices(): ExportChoicesStore {
	shared ??= new ExportChoicesStore();
	return shared;
}
