// Markers for video editors, one per kept keyframe, from plain data: a CMX 3600 EDL (one event
// a keyframe, one frame long, the note and tags as its comment; DaVinci Resolve also reads the
// `|C: |M: |D:` line as a timeline marker), FCPXML 1.9 (the video as an asset-clip with one
// <marker> a keyframe, the note as the marker's name), and a marker list CSV in the columns of
// Resolve's marker Edit Index. Timecodes count from 00:00:00:00 at the video's first frame.
import { fileStem } from '$lib/pipeline/naming';
import { toCsv } from './csv';
import { frameAt, framesToTimecode, timecodeRate, type TimecodeRate } from './timecode';

export interface MarkerVideo {
	name: string;
	fps: number | null;
	durationSec: number | null;
	/** Display size (rotation applied), as the editor will show the clip. */
	width: number | null;
	height: number | null;
}

export interface KeyframeMarker {
	/** The keyframe's JPEG in the ZIP. */
	file: string;
	frameIndex: number;
	timeSec: number;
	notes: string;
	tags: string[];
}

/** Control characters end an EDL line and are not allowed in XML 1.0. */
const isControl = (c: string) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f;

/** One line of plain text: editors read one line per name or comment. */
function oneLine(text: string): string {
	return Array.from(text, (c) => (isControl(c) ? ' ' : c))
		.join('')
		.replace(/\s+/g, ' ')
		.trim();
}

/** A marker's name: the note, or the keyframe's frame when there is none. */
export function markerName(marker: KeyframeMarker): string {
	return oneLine(marker.notes) || `Keyframe f${marker.frameIndex}`;
}

/** The note and tags as one comment: `note [tag1, tag2]`. */
export function markerComment(marker: KeyframeMarker): string {
	const tags = marker.tags.map(oneLine).filter(Boolean);
	return [oneLine(marker.notes), tags.length ? `[${tags.join(', ')}]` : '']
		.filter(Boolean)
		.join(' ');
}

/** The frame and its timecode of every marker, in time order. */
function placed(markers: KeyframeMarker[], rate: TimecodeRate) {
	return [...markers]
		.sort((a, b) => a.timeSec - b.timeSec)
		.map((m) => {
			const frame = frameAt(m.timeSec, rate);
			return {
				marker: m,
				frame,
				tcIn: framesToTimecode(frame, rate),
				tcOut: framesToTimecode(frame + 1, rate)
			};
		});
}

/** CMX 3600 allows 8 characters of reel name: letters and digits. */
function reelName(videoName: string): string {
	return (
		fileStem(videoName)
			.replace(/[^A-Za-z0-9]/g, '')
			.slice(0, 8)
			.toUpperCase() || 'AX'
	);
}

export function markerEdl(video: MarkerVideo, markers: KeyframeMarker[]): string {
	const rate = timecodeRate(video.fps);
	const reel = reelName(video.name).padEnd(8);
	const lines = [
		`TITLE: ${oneLine(fileStem(video.name)) || 'keyframes'} keyframes`,
		`FCM: ${rate.dropFrame ? 'DROP FRAME' : 'NON-DROP FRAME'}`,
		''
	];
	placed(markers, rate).forEach(({ marker, tcIn, tcOut }, i) => {
		const event = String(i + 1).padStart(3, '0');
		lines.push(`${event}  ${reel} V     C        ${tcIn} ${tcOut} ${tcIn} ${tcOut}`);
		lines.push(`* FROM CLIP NAME: ${oneLine(video.name)}`);
		const comment = markerComment(marker);
		if (comment) lines.push(`* COMMENT: ${comment}`);
		lines.push(` |C:ResolveColorBlue |M:${markerName(marker)} |D:1`);
		lines.push('');
	});
	return lines.join('\r\n');
}

const XML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;'
};
const attr = (text: string) => oneLine(text).replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);

/** One frame's length as FCPXML's rational seconds: `numerator/denominators`. */
function frameDuration(rate: TimecodeRate): { num: number; den: number } {
	if (Number.isInteger(rate.fps)) return { num: 1, den: rate.fps };
	if (rate.ntsc) return { num: 1001, den: rate.base * 1000 };
	return { num: 100, den: Math.round(rate.fps * 100) };
}

export function markerFcpxml(video: MarkerVideo, markers: KeyframeMarker[]): string {
	const rate = timecodeRate(video.fps);
	const { num, den } = frameDuration(rate);
	const time = (frames: number) => (frames === 0 ? '0s' : `${frames * num}/${den}s`);
	const events = placed(markers, rate);
	const lastFrame = events.length ? events[events.length - 1].frame + 1 : 1;
	const frames = Math.max(lastFrame, frameAt(video.durationSec ?? 0, rate));
	const duration = time(frames);
	const tcFormat = rate.dropFrame ? 'DF' : 'NDF';
	const size =
		video.width && video.height ? ` width="${video.width}" height="${video.height}"` : '';
	const name = attr(video.name);
	const title = attr(`${fileStem(video.name) || 'video'} keyframes`);
	const markerLines = events.map(({ marker, frame }) => {
		const comment = markerComment(marker);
		const note = comment ? ` note="${attr(comment)}"` : '';
		return `\t\t\t\t\t\t\t<marker start="${time(frame)}" duration="${time(1)}" value="${attr(markerName(marker))}"${note}/>`;
	});
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<!DOCTYPE fcpxml>',
		'<fcpxml version="1.9">',
		'\t<resources>',
		`\t\t<format id="r1" frameDuration="${time(1)}"${size}/>`,
		`\t\t<asset id="r2" name="${name}" start="0s" duration="${duration}" hasVideo="1" format="r1" videoSources="1">`,
		// Relative to the ZIP's folder: the editor asks to relink when the video is elsewhere.
		`\t\t\t<media-rep kind="original-media" src="${attr(encodeURI(video.name))}"/>`,
		'\t\t</asset>',
		'\t</resources>',
		'\t<library>',
		`\t\t<event name="${title}">`,
		`\t\t\t<project name="${title}">`,
		`\t\t\t\t<sequence format="r1" duration="${duration}" tcStart="0s" tcFormat="${tcFormat}">`,
		'\t\t\t\t\t<spine>',
		`\t\t\t\t\t\t<asset-clip ref="r2" name="${name}" offset="0s" start="0s" duration="${duration}" format="r1" tcFormat="${tcFormat}">`,
		...markerLines,
		'\t\t\t\t\t\t</asset-clip>',
		'\t\t\t\t\t</spine>',
		'\t\t\t\t</sequence>',
		'\t\t\t</project>',
		'\t\t</event>',
		'\t</library>',
		'</fcpxml>',
		''
	].join('\n');
}

/** The columns of Resolve's marker list (Edit Index → Markers, exported as CSV). */
export const RESOLVE_MARKER_HEADER = [
	'#',
	'Color',
	'Name',
	'Notes',
	'Source In',
	'Source Out',
	'Record In',
	'Record Out',
	'Duration',
	'Keywords'
];

export function resolveMarkerCsv(video: MarkerVideo, markers: KeyframeMarker[]): string {
	const rate = timecodeRate(video.fps);
	const oneFrame = framesToTimecode(1, rate);
	return toCsv(
		RESOLVE_MARKER_HEADER,
		placed(markers, rate).map(({ marker, tcIn, tcOut }, i) => [
			i + 1,
			'Blue',
			markerName(marker),
			oneLine(marker.notes),
			tcIn,
			tcOut,
			tcIn,
			tcOut,
			oneFrame,
			marker.tags.map(oneLine).filter(Boolean).join(', ')
		])
	);
}
