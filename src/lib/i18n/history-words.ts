// The history's sort choices in the reader's language.
import { m } from '$lib/paraglide/messages';
import type { HistoryQuery, HistorySort } from '$lib/db/history';

const SORT: Record<`${HistorySort}:${HistoryQuery['direction']}`, () => string> = {
	'createdAt:desc': m.history_sort_newest,
	'createdAt:asc': m.history_sort_oldest,
	'name:asc': m.history_sort_name_asc,
	'name:desc': m.history_sort_name_desc,
	'durationSec:asc': m.history_sort_shortest,
	'durationSec:desc': m.history_sort_longest
};

/** "Newest first", "Name A–Z"…: how a sort reads in the sort menu. */
export const sortLabel = (sort: HistorySort, direction: HistoryQuery['direction']): string =>
	SORT[`${sort}:${direction}`]();
