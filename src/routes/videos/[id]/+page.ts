// Client-only route: the id is read in the browser (deep links fall back to 200.html).
export const prerender = false;
