import { describe, expect, it } from 'vitest';
import { isVideoFile, sortPicks, VIDEO_ACCEPT } from '../../src/lib/shared/video-files';

const file = (name: string, type = '') => new File(['x'], name, { type });

describe('isVideoFile', () => {
	it('knows videos by MIME type or extension, in any case', () => {
		expect(isVideoFile('clip', 'video/mp4')).toBe(true);
		expect(isVideoFile('CLIP.MKV', '')).toBe(true);
		expect(isVideoFile('a.b.webm', '')).toBe(true);
		expect(isVideoFile('notes.txt', 'text/plain')).toBe(false);
		expect(isVideoFile('mp4', '')).toBe(false);
		expect(isVideoFile('photo.jpg', 'image/jpeg')).toBe(false);
	});

	it('is what the file picker accepts', () => {
		expect(VIDEO_ACCEPT.split(',')).toEqual(expect.arrayContaining(['video/*', '.mp4', '.mkv']));
	});
});

describe('sortPicks', () => {
	it('keeps the videos of a folder, counts the rest, and names the batch after it', () => {
		const a = file('a.mp4');
		const b = file('b.webm');
		const sorted = sortPicks([
			{ file: a, folder: 'Holiday' },
			{ file: file('notes.txt'), folder: 'Holiday' },
			{ file: file('.DS_Store'), folder: 'Holiday' },
			{ file: b, folder: 'Holiday' },
			{ file: file('cover.jpg', 'image/jpeg'), folder: 'Holiday' }
		]);
		expect(sorted).toEqual({ files: [a, b], skipped: 2, folder: 'Holiday' });
	});

	it('keeps every file picked alone: intake says why one is refused', () => {
		const text = file('notes.txt');
		expect(sortPicks([{ file: text, folder: null }])).toEqual({
			files: [text],
			skipped: 0,
			folder: null
		});
	});

	it('names no folder when several were picked', () => {
		const picks = [
			{ file: file('a.mp4'), folder: 'One' },
			{ file: file('b.mp4'), folder: 'Two' }
		];
		expect(sortPicks(picks).folder).toBeNull();
	});
});
