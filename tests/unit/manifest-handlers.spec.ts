// The manifest's "Open with" and "Share" entries name what the app reads (shared/video-files.ts)
// and where the service worker takes shares (share-inbox.ts): one list, checked, not two.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { SHARE_ACTION, SHARE_FIELD } from '../../src/lib/share-inbox';
import { VIDEO_EXTENSIONS } from '../../src/lib/shared/video-files';

const manifest = JSON.parse(
	readFileSync(join(import.meta.dirname, '..', '..', 'static', 'manifest.webmanifest'), 'utf8')
);

it('file_handlers open every video type the app reads, on the new-batch page', () => {
	const [handler] = manifest.file_handlers;
	expect(handler.action).toBe('/');
	const accept = handler.accept as Record<string, string[]>;
	expect(Object.keys(accept).every((type) => type.startsWith('video/'))).toBe(true);
	expect(Object.values(accept).flat().sort()).toEqual(VIDEO_EXTENSIONS.map((e) => `.${e}`).sort());
});

it('share_target posts videos to the service worker as multipart', () => {
	expect(manifest.share_target).toEqual({
		action: SHARE_ACTION,
		method: 'POST',
		enctype: 'multipart/form-data',
		params: { files: [{ name: SHARE_FIELD, accept: ['video/*'] }] }
	});
});
