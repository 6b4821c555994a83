// The app's one scheduler and pool, created on first use in the browser.
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

let shared: Scheduler | undefined;

export function scheduler(): Scheduler {
	shared ??= new Scheduler(
		db(),
		new ExtractorClient(
			createExtractorPool(resolveConcurrency(DEFAULT_SETTINGS.concurrency)),
			assetUrls
		),
		{
			keepOriginals: () => loadStoredSettings().keepOriginals
		}
	);
	return shared;
}
