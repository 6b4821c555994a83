// The app's language, as state: every message function reads it (overwriteGetLocale), so a
// change re-renders what shows without a reload. The choice is kept in localStorage, which is
// read synchronously before the first render, so a Chinese reader never sees English flash by.
import { overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';
import { isLocaleChoice, resolveLocale, type LocaleChoice } from './locale-choice';

const STORAGE_KEY = 'kff-locale';

function storedChoice(): LocaleChoice {
	try {
		const value = localStorage.getItem(STORAGE_KEY);
		return isLocaleChoice(value) ? value : 'auto';
	} catch {
		return 'auto'; // storage blocked: follow the browser
	}
}

function browserLanguages(): readonly string[] {
	return typeof navigator === 'undefined' ? [] : navigator.languages;
}

class LocaleState {
	choice = $state<LocaleChoice>(typeof localStorage === 'undefined' ? 'auto' : storedChoice());
	readonly current: Locale = $derived(resolveLocale(this.choice, browserLanguages()));

	choose(choice: LocaleChoice) {
		this.choice = choice;
		showLang(this.current);
		try {
			if (choice === 'auto') localStorage.removeItem(STORAGE_KEY);
			else localStorage.setItem(STORAGE_KEY, choice);
		} catch {
			// not kept, but still applied for this visit
		}
	}
}

/** `<html lang>`, for screen readers, fonts and the browser's own text (set before first render). */
function showLang(current: Locale) {
	if (typeof document !== 'undefined') document.documentElement.lang = current;
}

export const locale = new LocaleState();
overwriteGetLocale(() => locale.current);
showLang(locale.current);
