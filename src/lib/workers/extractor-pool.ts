// The app's pool of extractor workers. The worker module is referenced only here.
import type { ExtractorApi } from './extractor-protocol';
import { WorkerPool } from './worker-pool';

export function createExtractorPool(size: number): WorkerPool<ExtractorApi> {
	return new WorkerPool<ExtractorApi>(
		() =>
			new Worker(new URL('../../workers/extractor.worker.ts', import.meta.url), {
				type: 'module',
				name: 'extractor'
			}),
		size
	);
}
