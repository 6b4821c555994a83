import { describe, expect, it } from 'vitest';
import type { HistoryQuery } from '$lib/db/history';
import { VIDEO_STATUSES } from '$lib/shared/status';
import {
	changeHistoryQuery,
	DEFAULT_HISTORY_QUERY,
	HISTORY_SORTS,
	historySearchParams,
	pageCount,
	pageNumbers,
	parseHistoryParams
} from '$lib/state/history-params';

const parse = (search: string) => parseHistoryParams(new URLSearchParams(search));

describe('history query ↔ URL params', () => {
	it('has newest first, page 1, 20 per page as the default, with an empty URL', () => {
		expect(parse('')).toEqual({ sort: 'createdAt', direction: 'desc', page: 1, pageSize: 20 });
		expect(historySearchParams({ ...DEFAULT_HISTORY_QUERY })).toBe('');
	});

	it('round-trips every status, sort and direction with tag, search and page', () => {
		const queries: HistoryQuery[] = [];
		for (const status of [undefined, ...VIDEO_STATUSES]) {
			for (const { sort, direction } of HISTORY_SORTS) {
				for (const page of [1, 3]) {
					queries.push({ ...DEFAULT_HISTORY_QUERY, status, sort, direction, page });
					queries.push({
						...DEFAULT_HISTORY_QUERY,
						status,
						sort,
						direction,
						page,
						tag: 'red carpet & co',
						search: '会议 2024?'
					});
				}
			}
		}
		for (const q of queries) {
			const search = historySearchParams(q);
			const back = parse(search);
			expect(back).toEqual(q);
			expect(historySearchParams(back)).toBe(search); // canonical
		}
		expect(queries).toHaveLength(2 * 6 * 2 * 6);
	});

	it('writes short, readable params in a fixed order', () => {
		expect(
			historySearchParams({
				...DEFAULT_HISTORY_QUERY,
				page: 2,
				direction: 'asc',
				sort: 'durationSec',
				search: 'beach day',
				tag: 'family',
				person: 'p-1',
				status: 'failed'
			})
		).toBe('status=failed&tag=family&person=p-1&q=beach+day&sort=duration&dir=asc&page=2');
	});

	it('falls back to defaults for unknown or malformed values', () => {
		expect(parse('status=deleted&sort=size&dir=up&page=0&tag=&q=%20%20')).toEqual(
			DEFAULT_HISTORY_QUERY
		);
		expect(parse('page=2.5').page).toBe(1);
		expect(parse('page=-3').page).toBe(1);
		expect(parse('page=abc').page).toBe(1);
		expect(parse('page=1e400').page).toBe(1);
		expect(parse('page=7&utm=x').page).toBe(7);
	});
});

describe('changing the query', () => {
	const q: HistoryQuery = { ...DEFAULT_HISTORY_QUERY, page: 3, tag: 'x' };

	it('goes back to page 1 when a filter or the sort changes', () => {
		expect(changeHistoryQuery(q, { status: 'completed' })).toMatchObject({
			status: 'completed',
			tag: 'x',
			page: 1
		});
		expect(changeHistoryQuery(q, { sort: 'name', direction: 'asc' }).page).toBe(1);
	});

	it('keeps the filters when only the page changes, and drops cleared filters', () => {
		expect(changeHistoryQuery(q, { page: 2 })).toEqual({ ...q, page: 2 });
		expect(changeHistoryQuery(q, { tag: '' })).not.toHaveProperty('tag');
		expect(changeHistoryQuery(q, { tag: undefined })).not.toHaveProperty('tag');
	});
});

describe('pages', () => {
	it('counts pages, at least one', () => {
		expect(pageCount(0, 20)).toBe(1);
		expect(pageCount(40, 20)).toBe(2);
		expect(pageCount(45, 20)).toBe(3);
	});

	it('shows the first, the last and the neighbourhood, with gaps', () => {
		expect(pageNumbers(1, 3)).toEqual([1, 2, 3]);
		expect(pageNumbers(6, 20)).toEqual([1, null, 4, 5, 6, 7, 8, null, 20]);
		expect(pageNumbers(1, 20)).toEqual([1, 2, 3, null, 20]);
		expect(pageNumbers(4, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
		expect(pageNumbers(1, 1)).toEqual([1]);
	});
});
