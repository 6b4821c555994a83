// Debian's Chromium, which every browser test and benchmark drives (Playwright cannot download
// its own browser here), and the flags it runs with on this machine's closed network.

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

/** @returns {string} */
export function chromiumPath() {
	return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}
