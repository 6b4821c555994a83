// The app's first step in the browser, before the page's code is loaded and rendered.
import type { ClientInit } from '@sveltejs/kit';
import { db } from '$lib/db/database';

export const init: ClientInit = () => {
	// The library opens while the page loads and renders (IndexedDB answers off the main thread):
	// opened by the page's first query, it kept that query waiting 10–70 ms here. An open that
	// fails fails that query, as before, with the same error.
	db()
		.open()
		.catch(() => {});
};
