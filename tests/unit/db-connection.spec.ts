// Sharing the database with other tabs: a newer tab's upgrade gets this tab's pending edits
// first, and an upgrade that an old connection blocks is heard by the app.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { holdPendingWrites, watchUpgradeBlocked } from '$lib/db/connection';
import { createDatabase } from '$lib/db/database';
import { batchRecord } from '../support/records';

/** Opens `name` past Dexie at a version above the app's, as a newer app would. */
function openNewer(name: string, version: number): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.open(name, version);
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
}

const releases: (() => void)[] = [];
afterEach(() => {
	for (const release of releases.splice(0)) release();
});

describe('database connection', () => {
	it('writes pending edits before it lets a newer tab upgrade', async () => {
		const name = `test-${crypto.randomUUID()}`;
		const db = createDatabase(name);
		await db.open();
		const batch = batchRecord({ id: 'typed-before-upgrade' });
		let flushed = false;
		releases.push(
			holdPendingWrites(async () => {
				await db.batches.put(batch);
				flushed = true;
			})
		);
		const newer = await openNewer(name, db.verno * 10 + 10);
		expect(flushed).toBe(true);
		expect(db.isOpen()).toBe(false);
		const stored = await new Promise((resolve) => {
			const get = newer.transaction('batches').objectStore('batches').get(batch.id);
			get.onsuccess = () => resolve(get.result);
		});
		expect(stored).toMatchObject({ id: batch.id });
		newer.close();
		indexedDB.deleteDatabase(name);
	});

	it('tells when opening waits on another connection, and when it went through', async () => {
		const name = `test-${crypto.randomUUID()}`;
		const old = await openNewer(name, 1); // an old tab that never lets go
		const heard: boolean[] = [];
		releases.push(watchUpgradeBlocked((blocked) => heard.push(blocked)));
		const db = createDatabase(name);
		const opening = db.open();
		await expect.poll(() => heard).toEqual([true]);
		old.close();
		await opening;
		expect(heard).toEqual([true, false]);
		db.close();
		indexedDB.deleteDatabase(name);
	});

	it('tells a listener that comes while opening waits already (the app opens before its page)', async () => {
		const name = `test-${crypto.randomUUID()}`;
		const old = await openNewer(name, 1);
		const first: boolean[] = [];
		releases.push(watchUpgradeBlocked((blocked) => first.push(blocked)));
		const db = createDatabase(name);
		const opening = db.open();
		await expect.poll(() => first).toEqual([true]);
		const late: boolean[] = [];
		releases.push(watchUpgradeBlocked((blocked) => late.push(blocked)));
		expect(late).toEqual([true]);
		old.close();
		await opening;
		expect(late).toEqual([true, false]);
		const afterwards: boolean[] = [];
		releases.push(watchUpgradeBlocked((blocked) => afterwards.push(blocked)));
		expect(afterwards).toEqual([]);
		db.close();
		indexedDB.deleteDatabase(name);
	});
});
