// The user's settings, persisted in localStorage; defaults and bounds come from one module.
import {
	DEFAULT_SETTINGS,
	loadStoredSettings,
	SETTINGS_STORAGE_KEY,
	validateSettings,
	type AppSettings
} from '$lib/settings/extraction-settings';

export class SettingsStore {
	#values = $state<AppSettings>({ ...DEFAULT_SETTINGS });

	// Getters, not $derived fields: the store outlives the page that first creates it, and a
	// derived made inside that page's component stopped updating once the page was left.
	get errors() {
		return validateSettings(this.#values);
	}

	get valid(): boolean {
		return Object.keys(this.errors).length === 0;
	}

	constructor() {
		this.#values = loadStoredSettings();
	}

	/** Live, bindable values; invalid ones are shown with their message and never saved. */
	get values(): AppSettings {
		return this.#values;
	}

	/** For `bind:values`: Svelte hands a bound object back through the setter after edits. */
	set values(values: AppSettings) {
		this.#values = values;
	}

	save() {
		if (this.valid) localStorage.setItem(SETTINGS_STORAGE_KEY, JSON.stringify(this.#values));
	}

	reset() {
		this.#values = { ...DEFAULT_SETTINGS };
		this.save();
	}
}

let shared: SettingsStore | undefined;

export function settingsStore(): SettingsStore {
	shared ??= new SettingsStore();
	return shared;
}
