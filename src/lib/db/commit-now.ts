// Commits a write transaction without waiting for the page to handle its requests' results.
import Dexie from 'dexie';

/**
 * Call inside a Dexie transaction scope right after issuing its writes. Chromium commits a
 * transaction only once the page has run the last request's success event, so a page unloaded
 * first (a save started from `pagehide`, then a full page load) loses the write: measured 2 in 80
 * such unloads under CPU load, 0 in 80 with the explicit commit. A later failing request still
 * aborts the whole transaction.
 */
export function commitNow(): void {
	const transaction = Dexie.currentTransaction?.idbtrans;
	// IDBTransaction.commit() arrived in Safari 15; an older browser commits as before.
	if (transaction && 'commit' in transaction) transaction.commit();
}
