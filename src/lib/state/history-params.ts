// The history page's filters, sort and page as URL search params, and back (pure, no DOM).
// Defaults are left out of the URL, so `/history` is newest first, page 1, and every state has
// one canonical URL: ?status=&tag=&person=&q=&sort=&dir=&page= in that order.
import type { HistoryQuery, HistorySort } from '$lib/db/history';
import { VIDEO_STATUSES, type VideoStatus } from '$lib/shared/status';

export const HISTORY_PAGE_SIZE = 20;

export const DEFAULT_HISTORY_QUERY: Readonly<HistoryQuery> = Object.freeze({
	sort: 'createdAt',
	direction: 'desc',
	page: 1,
	pageSize: HISTORY_PAGE_SIZE
});

/** URL word of each sort. */
const SORT_PARAM: Record<HistorySort, string> = {
	createdAt: 'created',
	name: 'name',
	durationSec: 'duration'
};

/** The sort choices the page offers, in order ($lib/i18n/history-words.ts names them). */
export const HISTORY_SORTS: readonly {
	sort: HistorySort;
	direction: HistoryQuery['direction'];
}[] = [
	{ sort: 'createdAt', direction: 'desc' },
	{ sort: 'createdAt', direction: 'asc' },
	{ sort: 'name', direction: 'asc' },
	{ sort: 'name', direction: 'desc' },
	{ sort: 'durationSec', direction: 'asc' },
	{ sort: 'durationSec', direction: 'desc' }
];

function isStatus(value: string | null): value is VideoStatus {
	return (VIDEO_STATUSES as readonly (string | null)[]).includes(value);
}

/** Reads a query from URL params; anything missing, unknown or malformed takes its default. */
export function parseHistoryParams(params: URLSearchParams): HistoryQuery {
	const q: HistoryQuery = { ...DEFAULT_HISTORY_QUERY };
	const status = params.get('status');
	if (isStatus(status)) q.status = status;
	const tag = params.get('tag');
	if (tag) q.tag = tag;
	const person = params.get('person');
	if (person) q.person = person;
	const search = params.get('q');
	if (search?.trim()) q.search = search;
	const sort = (Object.keys(SORT_PARAM) as HistorySort[]).find(
		(s) => SORT_PARAM[s] === params.get('sort')
	);
	if (sort) q.sort = sort;
	const dir = params.get('dir');
	if (dir === 'asc' || dir === 'desc') q.direction = dir;
	const page = Number(params.get('page'));
	if (Number.isSafeInteger(page) && page >= 1) q.page = page;
	return q;
}

/** The canonical search string (without '?') of a query; '' for the defaults. */
export function historySearchParams(q: HistoryQuery): string {
	const params = new URLSearchParams();
	if (q.status) params.set('status', q.status);
	if (q.tag) params.set('tag', q.tag);
	if (q.person) params.set('person', q.person);
	if (q.search?.trim()) params.set('q', q.search);
	if (q.sort !== DEFAULT_HISTORY_QUERY.sort) params.set('sort', SORT_PARAM[q.sort]);
	if (q.direction !== DEFAULT_HISTORY_QUERY.direction) params.set('dir', q.direction);
	if (q.page > 1) params.set('page', String(q.page));
	return params.toString();
}

/**
 * The query after a change of filter or sort: back to page 1, since the old page number means
 * nothing in the new list. A change of `page` alone keeps the rest.
 */
export function changeHistoryQuery(q: HistoryQuery, changes: Partial<HistoryQuery>): HistoryQuery {
	const next = { ...q, ...changes };
	if (!('page' in changes)) next.page = 1;
	for (const key of ['status', 'tag', 'person', 'search'] as const)
		if (!next[key]) delete next[key];
	return next;
}

/** Number of pages for `total` rows (at least 1, so an empty list still has page 1). */
export function pageCount(total: number, pageSize: number): number {
	return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * Page numbers to show: the first, the last, and `around` pages either side of the current one;
 * null marks a gap ("…"). E.g. page 6 of 20 → 1 … 4 5 6 7 8 … 20.
 */
export function pageNumbers(current: number, pages: number, around = 2): (number | null)[] {
	const shown: (number | null)[] = [];
	for (let p = 1; p <= pages; p++) {
		if (p === 1 || p === pages || Math.abs(p - current) <= around) shown.push(p);
		else if (shown[shown.length - 1] !== null) shown.push(null);
	}
	return shown;
}
