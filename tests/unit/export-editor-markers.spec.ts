import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
	markerEdl,
	markerFcpxml,
	RESOLVE_MARKER_HEADER,
	resolveMarkerCsv,
	type KeyframeMarker
} from '$lib/export/editor-markers';
import { timecodeRate, timecodeToFrames } from '$lib/export/timecode';
import { parseEdl } from '../support/edl';

const video = { name: '视频 & "采访".mp4', fps: 25, durationSec: 20.28, width: 720, height: 1280 };
const markers: KeyframeMarker[] = [
	{ file: 'b.jpg', frameIndex: 250, timeSec: 10, notes: '', tags: [] },
	{
		file: 'a.jpg',
		frameIndex: 31,
		timeSec: 1.24,
		notes: '主角 <正脸>\n"good" & more',
		tags: ['主角', 'close-up']
	}
];

describe('markerEdl', () => {
	it('has one CMX 3600 event per keyframe, in time order, that round-trips to its time', () => {
		const edl = parseEdl(markerEdl(video, markers));
		expect(edl.dropFrame).toBe(false);
		expect(edl.events).toHaveLength(2);
		const rate = timecodeRate(25);
		const [first, second] = edl.events;
		expect(first.sourceIn).toBe('00:00:01:06');
		expect(first.sourceOut).toBe('00:00:01:07');
		expect(first.recordIn).toBe(first.sourceIn);
		expect(timecodeToFrames(second.sourceIn, rate) / 25).toBe(10);
		expect(first.comments).toEqual(['主角 <正脸> "good" & more [主角, close-up]']);
		expect(first.resolveMarker).toEqual({
			color: 'ResolveColorBlue',
			name: '主角 <正脸> "good" & more',
			duration: 1
		});
		expect(second.comments).toEqual([]);
		expect(second.resolveMarker?.name).toBe('Keyframe f250');
		expect(first.clipName).toBe(video.name);
	});

	it('says DROP FRAME and writes ; timecodes at 29.97', () => {
		const edl = parseEdl(markerEdl({ ...video, fps: 29.97 }, markers));
		expect(edl.dropFrame).toBe(true);
		// 10 s is frame 299.7 → 300; in drop-frame 300 frames read 00:00:10;00.
		expect(edl.events[1].sourceIn).toBe('00:00:10;00');
	});
});

describe('markerFcpxml', () => {
	const parse = (xml: string) =>
		new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);

	it('is well-formed FCPXML 1.9 with one marker per keyframe on the asset-clip', () => {
		const xml = markerFcpxml(video, markers);
		expect(XMLValidator.validate(xml)).toBe(true);
		const doc = parse(xml);
		expect(doc.fcpxml.version).toBe('1.9');
		expect(doc.fcpxml.resources.format).toMatchObject({
			frameDuration: '1/25s',
			width: '720',
			height: '1280'
		});
		expect(doc.fcpxml.resources.asset.name).toBe(video.name);
		const clip = doc.fcpxml.library.event.project.sequence.spine['asset-clip'];
		expect(clip.ref).toBe(doc.fcpxml.resources.asset.id);
		expect(clip.marker).toHaveLength(2);
		expect(clip.marker[0]).toMatchObject({
			start: '31/25s',
			duration: '1/25s',
			value: '主角 <正脸> "good" & more',
			note: '主角 <正脸> "good" & more [主角, close-up]'
		});
		expect(clip.marker[1]).toMatchObject({ start: '250/25s', value: 'Keyframe f250' });
		expect(clip.duration).toBe('507/25s');
	});

	it('uses NTSC frame durations and DF timecode at 29.97', () => {
		const doc = parse(markerFcpxml({ ...video, fps: 29.97 }, markers));
		expect(doc.fcpxml.resources.format.frameDuration).toBe('1001/30000s');
		const sequence = doc.fcpxml.library.event.project.sequence;
		expect(sequence.tcFormat).toBe('DF');
		expect(sequence.spine['asset-clip'].marker[1].start).toBe(`${300 * 1001}/30000s`);
	});

	it('stays well-formed with no keyframes and an unknown rate', () => {
		const xml = markerFcpxml({ ...video, fps: null, width: null, height: null }, []);
		expect(XMLValidator.validate(xml)).toBe(true);
	});
});

describe('resolveMarkerCsv', () => {
	it("has Resolve's marker list columns, one row per keyframe", () => {
		const lines = resolveMarkerCsv(video, markers)
			.replace(/^\uFEFF/, '')
			.trimEnd()
			.split('\r\n');
		expect(lines[0]).toBe(RESOLVE_MARKER_HEADER.join(','));
		expect(lines).toHaveLength(3);
		expect(lines[1]).toBe(
			'1,Blue,"主角 <正脸> ""good"" & more","主角 <正脸> ""good"" & more",00:00:01:06,00:00:01:07,00:00:01:06,00:00:01:07,00:00:00:01,"主角, close-up"'
		);
	});
});
