// How this tab shares the database with its other tabs. A newer tab that upgrades the schema asks
// every open connection to close: this tab first writes the edits it holds in memory (debounced
// annotation saves register here), then closes and reloads into the new code. When this tab is
// the newer one and an old tab does not let go, listeners hear that the upgrade is waiting.
import type Dexie from 'dexie';

type Flush = () => Promise<void>;

/** How long a closing connection waits for pending writes before it lets go anyway. */
export const FLUSH_BEFORE_CLOSE_MS = 3000;

const flushers = new Set<Flush>();
const blockedListeners = new Set<(blocked: boolean) => void>();
/** Whether opening waits on another tab now: the app opens before the page that shows it. */
let blockedNow = false;

/** Registers writes to finish before this tab lets a newer one upgrade; returns the release. */
export function holdPendingWrites(flush: Flush): () => void {
	flushers.add(flush);
	return () => flushers.delete(flush);
}

/** Writes every registered pending edit, giving up after `timeoutMs`. */
export async function flushPendingWrites(timeoutMs = FLUSH_BEFORE_CLOSE_MS): Promise<void> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
	await Promise.race([Promise.allSettled([...flushers].map((flush) => flush())), timeout]);
	clearTimeout(timer);
}

/**
 * Tells `listener` when opening waits on another tab (true) and when it went through (false); at
 * once when it waits already.
 */
export function watchUpgradeBlocked(listener: (blocked: boolean) => void): () => void {
	blockedListeners.add(listener);
	if (blockedNow) listener(true);
	return () => blockedListeners.delete(listener);
}

function tellBlocked(blocked: boolean) {
	blockedNow = blocked;
	for (const listener of blockedListeners) listener(blocked);
}

/**
 * Replaces Dexie's default of closing at once on `versionchange` (a subscriber returning false
 * stops the ones before it, Dexie's own included) with flush, close, then `afterClose`.
 */
export function shareConnection(db: Dexie, afterClose: () => void): void {
	db.on('versionchange', () => {
		void flushPendingWrites().finally(() => {
			db.close({ disableAutoOpen: false });
			afterClose();
		});
		return false;
	});
	db.on('blocked', () => tellBlocked(true));
	db.on('ready', () => tellBlocked(false));
}
