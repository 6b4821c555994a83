// The history page: its query lives in the URL; rows come from one live query of the page shown.
// Deleting, restoring, tagging and freeing space go through the db layer; a video that is still
// queued or running is cancelled by the scheduler first (it alone changes a video's status).
import { afterNavigate, goto } from '$app/navigation';
import { resolve } from '$app/paths';
import { page } from '$app/state';
import type { ResolvedPathname } from '$app/types';
import { scheduler } from '$lib/batch/scheduler-instance';
import { db } from '$lib/db/database';
import { queryHistoryView, type HistoryQuery } from '$lib/db/history';
import { personOptions } from '$lib/db/people';
import { hardDeleteVideos } from '$lib/db/trash';
import { moveVideosToTrash, restoreVideosFromTrash } from '$lib/db/trash-edits';
import { getVideos, removeOriginal, setVideoTags, videoTags } from '$lib/db/videos';
import { isActive } from '$lib/shared/status';
import { LiveQuery } from './live-query.svelte';
import {
	changeHistoryQuery,
	historySearchParams,
	pageCount,
	parseHistoryParams
} from './history-params';
import { Selection } from './selection.svelte';

const SEARCH_DELAY_MS = 250;
const UNDO_MS = 10_000;

export interface UndoNotice {
	/** How many videos went to the Trash (the page says so in words). */
	moved: number;
	/** What the undo brings back from the Trash. */
	ids: string[];
}

/** Stops videos that are still queued or running before they are deleted. */
async function stopUnfinished(ids: string[]) {
	const videos = await getVideos(db(), ids);
	for (const v of videos) {
		if (v && isActive(v.status)) {
			await scheduler().cancelVideo(v.id);
		}
	}
}

export class HistoryPageState {
	readonly query = $derived(parseHistoryParams(page.url.searchParams));
	/** The page shown, with the canonical search string of the query it answers. */
	readonly view = new LiveQuery(() => {
		const q = this.query;
		const search = historySearchParams(q);
		return () => {
			// A User Timing entry per query (devtools, and the history benchmark read it).
			const started = performance.now();
			return queryHistoryView(db(), q).then((view) => {
				performance.measure('history-query', { start: started });
				return { ...view, search };
			});
		};
	});
	// The filters' options are read once the first rows are in: read beside the page's query, they
	// held it up (page 400 of 10,000 videos: 89–121 ms against 43–53 ms after, in the bench).
	readonly tags = new LiveQuery(() => (this.view.loaded ? () => videoTags(db()) : null));
	/** The persons to filter by (People). */
	readonly persons = new LiveQuery(() => (this.view.loaded ? () => personOptions(db()) : null));
	/**
	 * Ticked rows. Hook-point for exporting a selection (another issue): `selection.ids` are the
	 * chosen video ids.
	 */
	readonly selection = new Selection();
	readonly pages = $derived(pageCount(this.view.current?.total ?? 0, this.query.pageSize));

	/** The search box's text; it reaches the URL after a short pause in typing. */
	searchText = $state('');
	#searchTimer: ReturnType<typeof setTimeout> | undefined;
	#undo = $state<UndoNotice | null>(null);
	#undoTimer: ReturnType<typeof setTimeout> | undefined;

	constructor() {
		this.searchText = this.query.search ?? '';
		// Back/forward and links change the URL under the box; our own typing does not need this.
		afterNavigate(({ type }) => {
			if (type !== 'goto') this.searchText = this.query.search ?? '';
		});
		$effect(() => {
			// A page past the end (after deletes, or an old link) shows the last page instead.
			const view = this.view.current;
			const current = view?.search === historySearchParams(this.query);
			if (current && this.query.page > this.pages) {
				void this.navigate({ page: this.pages }, { replace: true });
			}
		});
		$effect(() => () => {
			clearTimeout(this.#searchTimer);
			clearTimeout(this.#undoTimer);
		});
	}

	get undoNotice(): UndoNotice | null {
		return this.#undo;
	}

	/** The URL of the current query with `changes` (a filter change goes back to page 1). */
	href(changes: Partial<HistoryQuery>): ResolvedPathname {
		const search = historySearchParams(changeHistoryQuery(this.query, changes));
		return search ? resolve(`/history?${search}`) : resolve('/history');
	}

	/** Filters and sort make a history entry (back undoes them); typing and fixes replace. */
	navigate(changes: Partial<HistoryQuery>, { replace = false } = {}): Promise<void> {
		return goto(this.href(changes), { replaceState: replace, keepFocus: true, noScroll: true });
	}

	typeSearch(text: string) {
		this.searchText = text;
		clearTimeout(this.#searchTimer);
		this.#searchTimer = setTimeout(() => {
			void this.navigate({ search: text }, { replace: true });
		}, SEARCH_DELAY_MS);
	}

	/** Ids and names of videos, e.g. selected rows on other pages, in the order given. */
	async namesOf(ids: string[]): Promise<{ id: string; name: string }[]> {
		const videos = await getVideos(db(), ids);
		return videos.filter((v) => v !== undefined).map(({ id, name }) => ({ id, name }));
	}

	async moveToTrash(ids: string[]) {
		// Stored first: a page left right after the click still has them in the trash.
		const moved = await moveVideosToTrash(db(), ids);
		await stopUnfinished(ids);
		this.#forget(ids);
		this.#showUndo({ moved, ids });
	}

	async undoMoveToTrash() {
		const notice = this.#undo;
		this.dismissUndo();
		if (notice) await restoreVideosFromTrash(db(), notice.ids);
	}

	dismissUndo() {
		clearTimeout(this.#undoTimer);
		this.#undo = null;
	}

	async deleteForever(ids: string[]) {
		await stopUnfinished(ids);
		await hardDeleteVideos(db(), ids);
		this.#forget(ids);
	}

	async setTags(id: string, tags: string[]) {
		await setVideoTags(db(), id, tags);
	}

	async removeOriginal(id: string) {
		await removeOriginal(db(), id);
	}

	#forget(ids: string[]) {
		for (const id of ids) this.selection.set(id, false);
	}

	#showUndo(notice: UndoNotice) {
		clearTimeout(this.#undoTimer);
		this.#undo = notice;
		this.#undoTimer = setTimeout(() => (this.#undo = null), UNDO_MS);
	}
}
