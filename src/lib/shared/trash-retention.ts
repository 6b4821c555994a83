// How long a video stays in the Trash before start-up deletes it for good.

export const DAY_MS = 86_400_000;

/** Videos trashed before this moment are due for deletion, given the days kept in the Trash. */
export function purgeCutoff(now: number, retentionDays: number): number {
	return now - retentionDays * DAY_MS;
}

/** When start-up deletes a video trashed at `deletedAt` for good. */
export function purgeAt(deletedAt: number, retentionDays: number): number {
	return deletedAt + retentionDays * DAY_MS;
}
