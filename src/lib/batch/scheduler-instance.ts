// The app's one scheduler, created on first use in the browser: this tab's own Scheduler and
// pool, shared with the other tabs of the app through SharedScheduler (one of them leads).
import { db } from '$lib/db/database';
import {
	DEFAULT_SETTINGS,
	loadStoredSettings,
	resolveConcurrency
} from '$lib/settings/extraction-settings';
import { assetUrls } from '$lib/workers/asset-urls';
import { ExtractorClient } from '$lib/workers/extractor-client';
import { createExtractorPool } from '$lib/workers/extractor-pool';
import { Scheduler } from './scheduler';
import { COMMAND_CHANNEL, SharedScheduler, type Locks } from './shared-scheduler';

let local: Scheduler | undefined;
let shared: SharedScheduler | undefined;

function localScheduler(): Scheduler {
	local ??= new Scheduler(
		db(),
		new ExtractorClient(
			createExtractorPool(resolveConcurrency(DEFAULT_SETTINGS.concurrency)),
			assetUrls
		),
		{
			keepOriginals: () => loadStoredSettings().keepOriginals
		}
	);
	return local;
}

/** Without Web Locks (an insecure context) every tab leads, as before there were several. */
const alone: Locks = { request: (_name, _options, callback) => callback({}) };

export function scheduler(): SharedScheduler {
	shared ??= new SharedScheduler(
		localScheduler,
		(navigator.locks as Locks | undefined) ?? alone,
		new BroadcastChannel(COMMAND_CHANNEL)
	);
	return shared;
}
