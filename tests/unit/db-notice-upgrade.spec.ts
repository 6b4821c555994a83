// Database v3 stores a video's failure and note as notices; sentences stored by v2 stay readable.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { expect, it } from 'vitest';
import { createDatabase, V1, VIDEOS_V1 } from '$lib/db/database';
import { videoRecord } from '../support/records';

it('version 3 keeps the words of failures and notes stored before as text notices', async () => {
	const name = `notice-upgrade-${crypto.randomUUID()}`;
	const old = new Dexie(name);
	old.version(1).stores({ ...V1, videos: VIDEOS_V1.join(', ') });
	old.version(2).stores({ videos: [...VIDEOS_V1, '*nameGrams', '*tagKeys'].join(', ') });
	const failed = { ...videoRecord({ id: 'f', name: 'f.mp4' }), status: 'failed' };
	await old.table('videos').bulkAdd([
		{ ...failed, error: 'The file has no video track.', message: null },
		{ ...videoRecord({ id: 'n', name: 'n.mp4' }), message: 'No faces found at confidence ≥ 0.5.' },
		{ ...videoRecord({ id: 'ok', name: 'ok.mp4' }), error: null, message: null }
	]);
	old.close();

	const db = createDatabase(name);
	expect(await db.videos.get('f')).toMatchObject({
		status: 'failed',
		error: { code: 'text', text: 'The file has no video track.' },
		message: null
	});
	expect((await db.videos.get('n'))?.message).toEqual({
		code: 'text',
		text: 'No faces found at confidence ≥ 0.5.'
	});
	expect(await db.videos.get('ok')).toMatchObject({ error: null, message: null });
	db.close();
});
