import { describe, expect, it } from 'vitest';
import { toCsv } from '$lib/export/csv';
import { CSV_HEADER, planVideo, uniqueFolders, type ExportKeyframe } from '$lib/export/zip-layout';
import { DEFAULT_EXPORT_CHOICES } from '$lib/settings/export-options';
import { defaultExtraction } from '../support/records';

const video = {
	id: 'v1',
	name: '视频 采访.mp4',
	durationSec: 20.28,
	width: 1280,
	height: 720,
	fps: 25,
	rotation: 0,
	tags: ['interview'],
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
		score: 0.9,
		keypoints: []
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
				{
					frameIndex: 125,
					notes: '第一帧，"正脸"',
					tags: ['主角', 'close-up'],
					deleted: false,
					rating: 4,
					flag: 'pick'
				},
				{ frameIndex: 400, notes: '', tags: [], deleted: true }
			],
			{ folder: '' }
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
			fps: 25,
			rotation: 0,
			tags: ['interview']
		});
		expect(meta.export).toEqual({ faceCrops: null, editorMarkers: false, datasetLabels: false });
		expect(plan.sidecars).toEqual([]);
		expect(meta.settings).toEqual(video.settings);
		expect(meta.keyframes[0]).toEqual({
			file: '视频 采访_00-00-05.000_f125.jpg',
			frameIndex: 125,
			timeSec: 5,
			score: 0.8123,
			scoredFace: 0,
			faces: [{ x: 100, y: 50, width: 100, height: 120, score: 0.9, personId: null, person: null }],
			notes: '第一帧，"正脸"',
			tags: ['主角', 'close-up'],
			rating: 4,
			flag: 'pick',
			addedByHand: false
		});
		// A keyframe without an annotation (or one stored before ratings) is unrated, unflagged.
		expect(meta.keyframes[1]).toMatchObject({ frameIndex: 250, rating: 0, flag: null });
		const lines = plan.metadataCsv
			.replace(/^\uFEFF/, '')
			.trimEnd()
			.split('\r\n');
		expect(lines[0]).toBe(CSV_HEADER.join(','));
		expect(lines[1]).toBe(
			'视频 采访_00-00-05.000_f125.jpg,125,5,00:00:05.000,0.8123,1,100 50 100 120 0.9,,"第一帧，""正脸""",主角; close-up,4,pick,false'
		);
		expect(lines[2]).toMatch(/,0,,false$/);
		expect(lines).toHaveLength(3);
	});

	it("says which face each score is about: the best one, or a reference run's person", () => {
		const larger = kf(10, 2);
		larger.faces[1] = { ...larger.faces[1], width: 300, height: 300 };
		const keyframes = [larger, { ...larger, id: 'k20', frameIndex: 20, subject: 0 }, kf(30, 0)];
		const meta = JSON.parse(planVideo(video, keyframes, [], { folder: '' }).metadataJson);
		expect(meta.keyframes.map((k: { scoredFace: number | null }) => k.scoredFace)).toEqual([
			1,
			0,
			null
		]);
	});

	it('adds a crop per face with a margin, clamped to the frame, under faces/ in the folder', () => {
		const choices = { ...DEFAULT_EXPORT_CHOICES, faceCrops: true };
		const plan = planVideo(video, [kf(0, 2)], [], { folder: 'clip', choices });
		expect(plan.images.map((i) => i.path)).toEqual([
			'clip/视频 采访_00-00-00.000_f0.jpg',
			'clip/faces/视频 采访_00-00-00.000_f0_face1.jpg',
			'clip/faces/视频 采访_00-00-00.000_f0_face2.jpg'
		]);
		// The default crop is what crops always were: the face's box with 30 % around it, as JPEG.
		expect(plan.images[1].crop).toEqual({
			rect: { x: 70, y: 14, width: 160, height: 192 },
			output: { width: 160, height: 192, mime: 'image/jpeg' }
		});
		const meta = JSON.parse(plan.metadataJson);
		expect(meta.export.faceCrops).toEqual({
			shape: 'face',
			paddingPercent: 30,
			size: 'original',
			format: 'jpeg'
		});
		// Each crop is listed with the keyframe it comes from.
		expect(meta.keyframes[0].faceCrops).toEqual([
			'faces/视频 采访_00-00-00.000_f0_face1.jpg',
			'faces/视频 采访_00-00-00.000_f0_face2.jpg'
		]);
	});

	it('names crops by the chosen format and sizes them by the chosen shape and size', () => {
		const choices = {
			...DEFAULT_EXPORT_CHOICES,
			faceCrops: true,
			crop: { shape: '16:9', paddingPercent: 10, size: 512, format: 'webp' } as const
		};
		const plan = planVideo(video, [kf(0)], [], { folder: '', choices });
		expect(plan.images[1].path).toBe('faces/视频 采访_00-00-00.000_f0_face1.webp');
		expect(plan.images[1].crop?.output).toEqual({ width: 512, height: 288, mime: 'image/webp' });
	});

	it('gives a rotated video its display size, as its JPEGs have', () => {
		const portrait = { ...video, rotation: -90 };
		const meta = JSON.parse(planVideo(portrait, [kf(0)], [], { folder: '' }).metadataJson);
		expect(meta.video).toMatchObject({ width: 720, height: 1280, rotation: -90 });
	});

	it('adds editor markers and dataset labels in the video folder when chosen', () => {
		const choices = { ...DEFAULT_EXPORT_CHOICES, editorMarkers: true, datasetLabels: true };
		const plan = planVideo(video, [kf(125), kf(250, 2)], [], { folder: 'clip', choices });
		expect(plan.sidecars.map((f) => f.path)).toEqual([
			'clip/markers.edl',
			'clip/markers.fcpxml',
			'clip/markers.csv',
			'clip/annotations/coco.json',
			'clip/labels/视频 采访_00-00-05.000_f125.txt',
			'clip/labels/视频 采访_00-00-10.000_f250.txt'
		]);
		const coco = JSON.parse(plan.sidecars[3].text());
		expect(coco.images.map((i: { file_name: string }) => i.file_name)).toEqual([
			'视频 采访_00-00-05.000_f125.jpg',
			'视频 采访_00-00-10.000_f250.jpg'
		]);
		expect(coco.annotations).toHaveLength(3);
		expect(plan.sidecars[5].text().trimEnd().split('\n')).toHaveLength(2);
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

describe('planVideo with People', () => {
	it('gives each face its person’s id and name (or null) and the CSV a person column', () => {
		const people = new Map([
			['125/0', { personId: 'p-ann', name: 'Ann' }],
			['250/1', { personId: 'p-bob', name: null }]
		]);
		const plan = planVideo(video, [kf(125, 2), kf(250, 2)], [], { folder: '', people });
		const meta = JSON.parse(plan.metadataJson);
		const who = (i: number) =>
			meta.keyframes[i].faces.map((f: { personId: string; person: string }) => [
				f.personId,
				f.person
			]);
		expect(who(0)).toEqual([
			['p-ann', 'Ann'],
			[null, null]
		]);
		expect(who(1)).toEqual([
			[null, null],
			['p-bob', null]
		]);
		const rows = plan.metadataCsv
			.replace(/^\uFEFF/, '')
			.trimEnd()
			.split('\r\n');
		const column = CSV_HEADER.indexOf('person');
		expect(rows[1].split(',')[column]).toBe('Ann; ');
		expect(rows[2].split(',')[column]).toBe('; p-bob');
	});
});
