import { describe, expect, it } from 'vitest';
import { toCsv } from '$lib/export/csv';
import { CSV_HEADER, planVideo, uniqueFolders, type ExportKeyframe } from '$lib/export/zip-layout';
import { defaultExtraction } from '../support/records';

const video = {
	id: 'v1',
	name: '视频 采访.mp4',
	durationSec: 20.28,
	width: 1280,
	height: 720,
	fps: 25,
	settings: defaultExtraction()
};
const kf = (frameIndex: number, faces = 1): ExportKeyframe => ({
	id: `k${frameIndex}`,
	frameIndex,
	timeSec: frameIndex / 25,
	score: 0.812345,
	faces: Array.from({ length: faces }, (_, i) => ({
		x: 100 + i * 200,
		y: 50,
		width: 100,
		height: 120,
		score: 0.9
	})),
	width: 1280,
	height: 720
});

describe('planVideo', () => {
	it('names kept keyframes by the contract, leaves out deleted ones, and writes matching metadata', () => {
		const plan = planVideo(
			video,
			[kf(250), kf(125), kf(400)],
			[
				{ frameIndex: 125, notes: '第一帧，"正脸"', tags: ['主角', 'close-up'], deleted: false },
				{ frameIndex: 400, notes: '', tags: [], deleted: true }
			],
			{ folder: '', faceCrops: false }
		);
		expect(plan.images.map((i) => i.path)).toEqual([
			'视频 采访_00-00-05.000_f125.jpg',
			'视频 采访_00-00-10.000_f250.jpg'
		]);
		const meta = JSON.parse(plan.metadataJson);
		expect(meta.video).toEqual({
			name: '视频 采访.mp4',
			durationSec: 20.28,
			width: 1280,
			height: 720,
			fps: 25
		});
		expect(meta.settings).toEqual(video.settings);
		expect(meta.keyframes[0]).toEqual({
			file: '视频 采访_00-00-05.000_f125.jpg',
			frameIndex: 125,
			timeSec: 5,
			score: 0.8123,
			faces: [{ x: 100, y: 50, width: 100, height: 120, score: 0.9 }],
			notes: '第一帧，"正脸"',
			tags: ['主角', 'close-up']
		});
		const lines = plan.metadataCsv
			.replace(/^\uFEFF/, '')
			.trimEnd()
			.split('\r\n');
		expect(lines[0]).toBe(CSV_HEADER.join(','));
		expect(lines[1]).toBe(
			'视频 采访_00-00-05.000_f125.jpg,125,5,00:00:05.000,0.8123,1,100 50 100 120 0.9,"第一帧，""正脸""",主角; close-up'
		);
		expect(lines).toHaveLength(3);
	});

	it('adds a crop per face with a margin, clamped to the frame, under faces/ in the folder', () => {
		const plan = planVideo(video, [kf(0, 2)], [], { folder: 'clip', faceCrops: true });
		expect(plan.images.map((i) => i.path)).toEqual([
			'clip/视频 采访_00-00-00.000_f0.jpg',
			'clip/faces/视频 采访_00-00-00.000_f0_face1.jpg',
			'clip/faces/视频 采访_00-00-00.000_f0_face2.jpg'
		]);
		expect(plan.images[1].crop).toEqual({ x: 70, y: 14, width: 160, height: 192 });
	});
});

describe('uniqueFolders', () => {
	it('uses sanitized stems and numbers repeats', () => {
		expect(uniqueFolders(['a.mp4', 'a.mov', 'b/c.mp4', 'a.mp4'])).toEqual([
			'a',
			'a (2)',
			'bc',
			'a (3)'
		]);
	});

	it('never gives two videos one folder, whatever their names or case', () => {
		expect(uniqueFolders(['a.mp4', 'a (2).mp4', 'a.mov', 'A.mp4'])).toEqual([
			'a',
			'a (2)',
			'a (3)',
			'A (4)'
		]);
	});
});

describe('toCsv', () => {
	it('starts with a BOM, quotes only where needed and ends lines with CRLF', () => {
		expect(
			toCsv(
				['a', 'b'],
				[
					['x,y', 'line\nbreak'],
					[1, 'plain']
				]
			)
		).toBe('\uFEFFa,b\r\n"x,y","line\nbreak"\r\n1,plain\r\n');
	});

	it('keeps text that starts like a formula from running in a spreadsheet (OWASP)', () => {
		const notes = ['=HYPERLINK("http://x","click")', '+1', '-2+3', '@SUM(A1)', '\tx', 'a=b'];
		const csv = toCsv(['notes', 'n'], [...notes.map((n) => [n, -1])]);
		expect(csv.split('\r\n').slice(1, -1)).toEqual([
			`"'=HYPERLINK(""http://x"",""click"")",-1`,
			"'+1,-1",
			"'-2+3,-1",
			"'@SUM(A1),-1",
			"'\tx,-1",
			'a=b,-1'
		]);
	});
});
