// A static shell: every page renders in the browser from IndexedDB.
export const prerender = true;
export const ssr = false;
