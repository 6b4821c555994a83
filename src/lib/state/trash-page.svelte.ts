// The Trash page: one live page of trashed videos (page number in the URL), restore and delete.
import { goto } from '$app/navigation';
import { resolve } from '$app/paths';
import { page } from '$app/state';
import type { ResolvedPathname } from '$app/types';
import { db } from '$lib/db/database';
import { emptyTrash, hardDeleteVideos, listTrash } from '$lib/db/trash';
import { restoreVideosFromTrash } from '$lib/db/trash-edits';
import { purgeAt } from '$lib/shared/trash-retention';
import { HISTORY_PAGE_SIZE, pageCount } from './history-params';
import { LiveQuery } from './live-query.svelte';
import { Selection } from './selection.svelte';

export class TrashPageState {
	readonly page = $derived.by(() => {
		const n = Number(page.url.searchParams.get('page'));
		return Number.isSafeInteger(n) && n >= 1 ? n : 1;
	});
	readonly list = new LiveQuery(() => {
		const offset = (this.page - 1) * HISTORY_PAGE_SIZE;
		return () =>
			listTrash(db(), { offset, limit: HISTORY_PAGE_SIZE }).then((list) => ({ ...list, offset }));
	});
	readonly pages = $derived(pageCount(this.list.current?.total ?? 0, HISTORY_PAGE_SIZE));
	readonly selection = new Selection();

	constructor() {
		$effect(() => {
			// After restores or deletes the page may be past the end: show the last one.
			const list = this.list.current;
			if (list && list.offset === (this.page - 1) * HISTORY_PAGE_SIZE && this.page > this.pages) {
				void goto(this.href(this.pages), { replaceState: true, noScroll: true });
			}
		});
	}

	href(p: number): ResolvedPathname {
		return p > 1 ? resolve(`/trash?page=${p}`) : resolve('/trash');
	}

	/** When start-up deletes a video for good, given the days kept in the Trash. */
	purgeAt(deletedAt: number, retentionDays: number): number {
		return purgeAt(deletedAt, retentionDays);
	}

	async restore(ids: string[]) {
		await restoreVideosFromTrash(db(), ids);
		for (const id of ids) this.selection.set(id, false);
	}

	async deleteForever(ids: string[]) {
		await hardDeleteVideos(db(), ids);
		for (const id of ids) this.selection.set(id, false);
	}

	async empty() {
		await emptyTrash(db());
		this.selection.clear();
	}
}
