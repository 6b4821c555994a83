// What the app does once when it opens: register the service worker (update notice), reset
// videos a closed tab left processing and continue running batches, and delete for good what
// has been in the Trash longer than the user's setting. It also tells when the database cannot
// open because an older tab holds it.
import { dev } from '$app/environment';
import { fillMissingContentKeys } from '$lib/batch/content-key';
import { scheduler } from '$lib/batch/scheduler-instance';
import { watchUpgradeBlocked } from '$lib/db/connection';
import { db } from '$lib/db/database';
import { purgeTrashAfterLeftEdits } from '$lib/db/trash-edits';
import { loadStoredSettings } from '$lib/settings/extraction-settings';
import { PwaStatus } from './pwa.svelte';

export class AppStartup {
	readonly pwa = new PwaStatus();
	#resumed = $state(0);
	#upgradeBlocked = $state(false);

	constructor() {
		// The layout lives as long as the page, so this never needs releasing.
		watchUpgradeBlocked((blocked) => (this.#upgradeBlocked = blocked));
	}

	/** A newer version waits for this site's other tabs to close before it opens the library. */
	get upgradeBlocked(): boolean {
		return this.#upgradeBlocked;
	}

	/** Videos that were interrupted when the page closed and now run again. */
	get resumed(): number {
		return this.#resumed;
	}

	dismissResumed() {
		this.#resumed = 0;
	}

	/** Call once, in the browser (onMount of the root layout). */
	start() {
		if (!dev) this.pwa.register();
		// A closed tab must not leave zombies: reset orphaned rows, then continue running batches.
		scheduler()
			.resume()
			.then((n) => (this.#resumed = n))
			.catch((error: unknown) => console.error('Could not resume processing', error));
		// Videos stored before content keys were kept get one, so adding them again is noticed.
		fillMissingContentKeys(db()).catch((error: unknown) =>
			console.error('Could not key the stored videos', error)
		);
		// What has been in the Trash longer than the user's setting goes for good (a restore a
		// closed tab left is applied first).
		purgeTrashAfterLeftEdits(db(), loadStoredSettings().trashRetentionDays, Date.now()).catch(
			(error: unknown) => console.error('Could not empty old items from the Trash', error)
		);
	}
}
