/// <reference lib="webworker" />
// probe: duration, fps, frame count, size, codec and rotation, from ffprobe's JSON.
import type { YuvFrame } from '$lib/pipeline/yuv-to-rgba';
import type { ProbeInfo } from '$lib/workers/extractor-protocol';
import type { PlacedPacket } from '$lib/pipeline/skipped-pictures';
import type { FFmpegRunner } from './ffmpeg-runner';

interface FfprobeJson {
	streams?: {
		codec_name?: string;
		width?: number;
		height?: number;
		r_frame_rate?: string;
		avg_frame_rate?: string;
		nb_frames?: string;
		duration?: string;
		color_space?: string;
		color_range?: string;
		side_data_list?: { rotation?: number }[];
		tags?: { rotate?: string };
		extradata?: string;
	}[];
	format?: { duration?: string; format_name?: string; start_time?: string };
}

function parseRate(rate: string | undefined): number {
	if (!rate) return 0;
	const [num, den] = rate.split('/').map(Number);
	const value = den ? num / den : num;
	return Number.isFinite(value) && value > 0 && value < 1000 ? value : 0;
}

export interface Probed {
	info: ProbeInfo;
	/** How to turn the stream's YUV into RGB, as the stream declares it (BT.601 when silent). */
	colour: Pick<YuvFrame, 'matrix' | 'fullRange'>;
	/** The file's start time: ffmpeg counts decoded frames' times from it. */
	startSec: number;
	/** The stream's decoder configuration record (avcC, hvcC…), null when it has none. */
	config: Uint8Array | null;
}

/** The bytes of ffprobe's hex dump (`-show_data`): lines of `offset: hex groups  text`. */
export function hexDumpBytes(dump: string): Uint8Array {
	const hex = dump
		.split('\n')
		.map((line) => /^[0-9a-f]+: ((?:[0-9a-f]{2,4} ?)+)/i.exec(line)?.[1] ?? '')
		.join('')
		.replace(/ /g, '');
	return new Uint8Array(hex.match(/../g)?.map((byte) => Number.parseInt(byte, 16)) ?? []);
}

/** What ffprobe prints about the first video stream of `input`, asked with `args`. */
function probeFirstVideo(ffmpeg: FFmpegRunner, input: string, ...args: string[]): string[] {
	const out: string[] = [];
	ffmpeg.ffprobe(['-v', 'error', '-select_streams', 'v:0', ...args, input], (line) =>
		out.push(line)
	);
	return out;
}

/**
 * The stream's packets counted by reading the whole file: the length of a video whose header
 * does not say (0 when even that fails). Slow for a long file, so only asked when needed.
 */
function countedPackets(ffmpeg: FFmpegRunner, input: string): number {
	const out = probeFirstVideo(
		ffmpeg,
		input,
		'-count_packets',
		'-show_entries',
		'stream=nb_read_packets',
		'-of',
		'csv=p=0'
	);
	const packets = Number.parseInt(out.join('').trim(), 10);
	return Number.isFinite(packets) && packets > 0 ? packets : 0;
}

export interface PacketTimes {
	/**
	 * The key frames' times, ascending (a packet without a presentation time gives its decoding
	 * time, as in AVI).
	 */
	keyframes: number[];
	/**
	 * Every frame's presentation time, any order; null when a packet has none (AVI), since then
	 * the packets do not place the frames.
	 */
	frames: number[] | null;
	/** The shown packets with a presentation time and a place in the file, in decoding order. */
	packets: (PlacedPacket & { size: number })[];
}

/** ffprobe's `key=value,key=value` line as a record. */
function fields(line: string): Record<string, string> {
	return Object.fromEntries(line.split(',').map((field) => field.split('=', 2)));
}

/**
 * The times of the stream's packets from the demuxer (nothing is decoded), shifted as ffmpeg
 * shifts what it decodes: by the file's start time `startSec` (that of its earliest stream, which
 * may be the audio).
 */
export function packetTimes(ffmpeg: FFmpegRunner, input: string, startSec: number): PacketTimes {
	const keyframes: number[] = [];
	const frames: number[] = [];
	const packets: PacketTimes['packets'] = [];
	let placed = true;
	const args = ['-show_entries', 'packet=pts_time,dts_time,size,pos,flags', '-of', 'csv=p=0:nk=0'];
	for (const line of probeFirstVideo(ffmpeg, input, ...args)) {
		const { pts_time, dts_time, size, pos, flags = '' } = fields(line);
		// A packet an edit list cuts off is decoded but never shown: no frame of the pass.
		if (flags.includes('D')) continue;
		const presented = Number.parseFloat(pts_time ?? '');
		const key = flags.includes('K');
		if (Number.isFinite(presented)) frames.push(presented - startSec);
		else placed = false;
		const time =
			(Number.isFinite(presented) ? presented : Number.parseFloat(dts_time ?? '')) - startSec;
		if (key && Number.isFinite(time)) keyframes.push(time);
		const at = Number(pos);
		if (Number.isFinite(presented) && pos && Number.isFinite(at))
			packets.push({ pos: at, size: Number(size), timeSec: presented - startSec, key });
	}
	return {
		keyframes: keyframes.sort((a, b) => a - b),
		frames: placed && frames.length > 0 ? frames : null,
		packets
	};
}

/** Returns the probe, or null when ffprobe finds no readable video stream. */
export function probeVideo(ffmpeg: FFmpegRunner, input: string): Probed | null {
	const out = probeFirstVideo(
		ffmpeg,
		input,
		'-show_data',
		'-show_entries',
		'stream=codec_name,width,height,r_frame_rate,avg_frame_rate,nb_frames,duration,color_space,color_range,extradata:stream_side_data=rotation:stream_tags=rotate:format=duration,format_name,start_time',
		'-of',
		'json'
	);
	const text = out.join('\n');
	const start = text.indexOf('{');
	const end = text.lastIndexOf('}');
	if (start < 0 || end < start) return null;
	let json: FfprobeJson;
	try {
		json = JSON.parse(text.slice(start, end + 1)) as FfprobeJson;
	} catch {
		return null;
	}
	const s = json.streams?.[0];
	if (!s || !s.width || !s.height) return null;
	const fps = parseRate(s.avg_frame_rate) || parseRate(s.r_frame_rate) || 25;
	const durationSec =
		Number(s.duration) || Number(json.format?.duration) || countedPackets(ffmpeg, input) / fps || 0;
	const rotation =
		Number(
			s.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? s.tags?.rotate ?? 0
		) || 0;
	const nbFrames = Number(s.nb_frames);
	return {
		info: {
			durationSec,
			fps,
			frameCount: nbFrames > 0 ? nbFrames : Math.round(durationSec * fps),
			width: s.width,
			height: s.height,
			codec: s.codec_name ?? 'unknown',
			rotation,
			container: json.format?.format_name ?? 'unknown'
		},
		colour: {
			matrix: s.color_space === 'bt709' ? 'bt709' : 'bt601',
			fullRange: s.color_range === 'pc'
		},
		startSec: Number(json.format?.start_time) || 0,
		config: s.extradata ? hexDumpBytes(s.extradata) : null
	};
}

/** Frame size after ffmpeg's autorotation. */
export function displaySize(p: ProbeInfo): { width: number; height: number } {
	const quarterTurn = Math.abs(p.rotation) % 180 === 90;
	return quarterTurn ? { width: p.height, height: p.width } : { width: p.width, height: p.height };
}
