import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SNIFF_BYTES, sniffContainer } from '$lib/pipeline/container-sniff';

const FIXTURES =
	process.env.KFF_FIXTURES ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures');
const head = (name: string) => {
	const bytes = readFileSync(join(FIXTURES, name));
	return { head: new Uint8Array(bytes.subarray(0, SNIFF_BYTES)), size: bytes.length };
};
const sniff = (name: string) => {
	const { head: h, size } = head(name);
	return sniffContainer(h, size);
};

describe('sniffContainer on the fixtures', () => {
	it.each([
		['megamind_h264.mp4', 'mp4'],
		['faces_timeline.mp4', 'mp4'],
		['truncated_no_moov.mp4', 'mp4'],
		['megamind_vp9.webm', 'matroska'],
		['megamind.avi', 'avi']
	])('%s is a %s video', (name, container) => {
		expect(sniff(name)).toEqual({ kind: 'video', container });
	});

	it('refuses empty files, text and photos with a reason', () => {
		expect(sniff('empty.mp4')).toEqual({ kind: 'refused', reason: { code: 'empty-file' } });
		expect(sniff('not_a_video.mp4')).toEqual({ kind: 'refused', reason: { code: 'text-file' } });
		expect(sniff('messi5.jpg')).toEqual({
			kind: 'refused',
			reason: { code: 'still-image', format: 'JPEG' }
		});
	});
});

describe('sniffContainer on synthetic headers', () => {
	const bytes = (...parts: (string | number[])[]) =>
		new Uint8Array(
			parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p))
		);

	it('tells QuickTime from MP4 and HEIF stills from video', () => {
		expect(sniffContainer(bytes([0, 0, 0, 20], 'ftypqt  '), 100)).toEqual({
			kind: 'video',
			container: 'mov'
		});
		expect(sniffContainer(bytes([0, 0, 0, 20], 'ftypheic'), 100)).toMatchObject({
			kind: 'refused'
		});
	});

	it('recognises MPEG-TS by its sync bytes and refuses unknown binary data', () => {
		const ts = new Uint8Array(400);
		ts[0] = 0x47;
		ts[188] = 0x47;
		expect(sniffContainer(ts, 400)).toEqual({ kind: 'video', container: 'mpegts' });
		expect(sniffContainer(new Uint8Array([0, 1, 2, 3, 200, 201, 5, 6]), 8)).toEqual({
			kind: 'refused',
			reason: { code: 'unknown-format' }
		});
	});
});
