/// <reference lib="webworker" />
// The WebCodecs decoder: mediabunny demuxes MP4/MOV/WebM/MKV (reading the File in slices,
// never whole) and the browser's VideoDecoder decodes on its own media threads, so decoding
// overlaps detection on this worker's thread. Used only when VideoDecoder.isConfigSupported
// accepts the track's configuration.
import {
	BlobSource,
	EncodedPacketSink,
	Input,
	MATROSKA,
	MP4,
	QTFF,
	VideoSampleSink,
	WEBM,
	type InputVideoTrack,
	type VideoSample
} from 'mediabunny';
import { avcLengthSize, isDisposableAvcPicture } from '$lib/pipeline/disposable-frames';
import { FrameGrid } from '$lib/pipeline/frame-grid';
import { errorText } from '$lib/pipeline/failure-message';
import type { Picture } from '$lib/pipeline/picture';
import { fitWithin, type YuvFrame } from '$lib/pipeline/yuv-to-rgba';
import type { ProbeInfo } from '$lib/workers/extractor-protocol';
import { yuvCanvas } from '../jpeg';
import type { FrameDecoder, OnSample, SampleOptions } from './frame-decoder';
import { SkippingSampleSink } from './skipping-sample-sink';

/** Frames this close to the stream's announced end count as the end (rounding, last frame). */
const END_TOLERANCE_SEC = 0.5;

/** ffprobe's codec names, so a video reads the same whichever decoder took it. */
const CODEC_NAMES: Record<string, string> = { avc: 'h264', hevc: 'hevc', vp8: 'vp8', vp9: 'vp9' };

export type OpenResult = { decoder: WebCodecsDecoder } | { unsupported: string };

export class WebCodecsDecoder implements FrameDecoder {
	readonly name = 'webcodecs';
	/** Seconds copying frames out, and how many pictures were left undecoded (`skipped`). */
	readonly timings: Record<string, number> = { copy: 0, skipped: 0 };
	readonly probe: ProbeInfo;
	#input: Input;
	#track: InputVideoTrack;
	#announcedEnd: number;
	/** As the stream declares it: Chromium reports BT.709 for untagged video, ffmpeg assumes BT.601. */
	#matrix: 'bt601' | 'bt709';
	#fullRange: boolean;
	#lastError = '';
	#buffer = new Uint8Array(0);
	/** The length prefix of an H.264 track's NAL units; null for other codecs. */
	#avcLengthSize: number | null;

	private constructor(
		input: Input,
		track: InputVideoTrack,
		probe: ProbeInfo,
		end: number,
		colour: VideoColorSpaceInit,
		avcLengthSize: number | null
	) {
		this.#input = input;
		this.#track = track;
		this.probe = probe;
		this.#announcedEnd = end;
		this.#matrix = colour.matrix === 'bt709' ? 'bt709' : 'bt601';
		this.#fullRange = colour.fullRange === true;
		this.#avcLengthSize = avcLengthSize;
	}

	/** The decoder for `file`, or why WebCodecs cannot take it (then ffmpeg.wasm does). */
	static async open(file: Blob): Promise<OpenResult> {
		if (typeof VideoDecoder === 'undefined')
			return { unsupported: 'This browser has no WebCodecs.' };
		const input = new Input({ formats: [MP4, QTFF, WEBM, MATROSKA], source: new BlobSource(file) });
		try {
			const track = await input.getPrimaryVideoTrack();
			if (!track) throw new Error('no video track');
			const config = await track.getDecoderConfig();
			if (!config) throw new Error(`unknown codec ${String(await track.getInternalCodecId())}`);
			const support = await VideoDecoder.isConfigSupported(config);
			if (!support.supported) throw new Error(`the browser does not decode ${config.codec}`);
			const format = await input.getFormat();
			const [codec, width, height, rotation, stats, metaDuration, colour] = await Promise.all([
				track.getCodec(),
				track.getCodedWidth(),
				track.getCodedHeight(),
				track.getRotation(),
				track.computePacketStats(100),
				track.getDurationFromMetadata(),
				track.getColorSpace()
			]);
			const durationSec = metaDuration ?? (await track.computeDuration());
			const fps = stats.averagePacketRate > 0 ? stats.averagePacketRate : 25;
			const probe: ProbeInfo = {
				durationSec,
				fps,
				frameCount: Math.round(durationSec * fps),
				width,
				height,
				codec: (codec && CODEC_NAMES[codec]) ?? codec ?? config.codec,
				rotation,
				container: format.name
			};
			// Only where the container's index lists every frame up front (MP4, MOV) can the
			// sampled frames be known before decoding.
			const indexed = format === MP4 || format === QTFF;
			const description = config.description ? toBytes(config.description) : null;
			const avc = codec === 'avc' && indexed ? avcLengthSize(description) : null;
			return { decoder: new WebCodecsDecoder(input, track, probe, durationSec, colour, avc) };
		} catch (error) {
			input.dispose();
			return { unsupported: `WebCodecs cannot read this file (${errorText(error)}).` };
		}
	}

	async sample(
		{ sampleRate, longSide, from, startSec }: SampleOptions,
		onSample: OnSample
	): Promise<{ complete: boolean }> {
		const skipping = this.#avcLengthSize !== null;
		const rangeStart = from ? 0 : (startSec ?? 0);
		const ranged = rangeStart > 0;
		// The packets' times place every frame: read from an MP4's index up front, or (WebM, MKV)
		// by one pass over the file's packets, worth it only to start a time range where it starts.
		const grid = skipping || ranged ? await this.#frameGrid() : null;
		const sink =
			grid && skipping ? this.#skippingSink(grid, sampleRate) : new VideoSampleSink(this.#track);
		const seek = ranged && grid ? grid.firstSampledFrom(rangeStart, sampleRate) : null;
		if (seek) this.timings.seekedTo = seek.timeSec;
		const start = from ?? seek;
		let frameIndex = start?.frameIndex ?? 0;
		let handedOver = 0;
		let end = 0;
		try {
			// From `from`: mediabunny decodes from the key packet before it and yields first the
			// frame at that time (the last one starting at or before it).
			for await (const sample of sink.samples(start?.timeSec)) {
				if (start && handedOver === 0 && sample.timestamp !== start.timeSec) {
					sample.close();
					throw new Error(`WebCodecs found no frame at ${start.timeSec} s to start from.`);
				}
				// Counted where every frame is decoded; placed by time where some are left out.
				if (grid) frameIndex = grid.indexOf(sample.timestamp) ?? frameIndex;
				let handed: void | Promise<void> = undefined;
				try {
					if (frameIndex % sampleRate === 0) {
						const started = performance.now();
						const picture = await this.#picture(sample, longSide);
						this.timings.copy += (performance.now() - started) / 1000;
						handed = onSample({ frameIndex, timeSec: sample.timestamp, picture });
					}
					end = sample.timestamp + sample.duration;
				} finally {
					sample.close();
				}
				// Closed first: the decoder gets its frame back while the consumer catches up.
				await handed;
				frameIndex++;
				handedOver++;
			}
		} catch (error) {
			this.#lastError = errorText(error);
			throw error;
		}
		if (handedOver === 0) throw new Error('WebCodecs decoded no frame.');
		return { complete: end >= this.#announcedEnd - END_TOLERANCE_SEC };
	}

	/** Every frame's place in presentation order, from the container's index. */
	async #frameGrid(): Promise<FrameGrid> {
		const times: number[] = [];
		const index = new EncodedPacketSink(this.#track);
		for await (const packet of index.packets(undefined, undefined, { metadataOnly: true }))
			times.push(packet.timestamp);
		return new FrameGrid(times);
	}

	/** A sink that leaves out the non-reference pictures that are not sampled. */
	#skippingSink(grid: FrameGrid, sampleRate: number): VideoSampleSink {
		const lengthSize = this.#avcLengthSize ?? 4;
		return new SkippingSampleSink(this.#track, (packet) => {
			const keep =
				packet.type === 'key' ||
				grid.isSampled(packet.timestamp, sampleRate) ||
				!isDisposableAvcPicture(packet.data, lengthSize);
			if (!keep) this.timings.skipped = (this.timings.skipped ?? 0) + 1;
			return keep;
		});
	}

	/**
	 * Planar YUV copied out of the decoder as it is (converting and scaling is the consumer's:
	 * most samples are only glanced at); frames in other layouts, or rotated ones, are drawn by
	 * the canvas at detection size (slower).
	 */
	async #picture(sample: VideoSample, longSide: number): Promise<Picture> {
		const yuv = await this.#yuv(sample);
		if (yuv) return { kind: 'yuv', frame: yuv };
		// The decoded picture's own size, as ffmpeg sees it (rotation applied).
		const { width, height } = sample.visibleRect;
		const quarterTurn = Math.abs(sample.rotation) % 180 === 90;
		const size = quarterTurn
			? fitWithin(height, width, longSide)
			: fitWithin(width, height, longSide);
		const canvas = new OffscreenCanvas(size.width, size.height);
		const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
		sample.draw(ctx, 0, 0, size.width, size.height);
		const { data } = ctx.getImageData(0, 0, size.width, size.height);
		return { kind: 'rgba', image: { ...size, data } };
	}

	/** The sample's planes in our buffer (valid until the next call), or null if not planar YUV. */
	async #yuv(sample: VideoSample): Promise<YuvFrame | null> {
		const format = sample.format;
		if (
			!(format === 'I420' || format === 'I420A' || format === 'NV12') ||
			sample.rotation !== 0 ||
			sample.flip
		) {
			return null;
		}
		const bytes = sample.allocationSize();
		if (this.#buffer.length < bytes) this.#buffer = new Uint8Array(bytes);
		const layout = await sample.copyTo(this.#buffer);
		return {
			format: format === 'NV12' ? 'NV12' : 'I420',
			width: sample.visibleRect.width,
			height: sample.visibleRect.height,
			data: this.#buffer.subarray(0, bytes),
			layout,
			matrix: this.#matrix,
			fullRange: this.#fullRange
		};
	}

	async *fullFrames(times: readonly number[]): AsyncGenerator<OffscreenCanvas> {
		const sink = new VideoSampleSink(this.#track);
		const rotated = Math.abs(this.probe.rotation) % 180 === 90;
		const width = rotated ? this.probe.height : this.probe.width;
		const height = rotated ? this.probe.width : this.probe.height;
		try {
			for await (const sample of sink.samplesAtTimestamps(times)) {
				if (!sample) throw new Error('WebCodecs could not find a chosen frame again.');
				let canvas: OffscreenCanvas;
				try {
					// Our converter where it can: the same colours as the frames held from sampling.
					const yuv = await this.#yuv(sample);
					if (yuv) canvas = yuvCanvas(yuv);
					else {
						canvas = new OffscreenCanvas(width, height);
						sample.draw(canvas.getContext('2d')!, 0, 0, width, height);
					}
				} finally {
					sample.close();
				}
				yield canvas;
			}
		} catch (error) {
			this.#lastError = errorText(error);
			throw error;
		}
	}

	details(): string {
		return this.#lastError;
	}

	close(): void {
		this.#input.dispose();
	}
}

function toBytes(source: AllowSharedBufferSource): Uint8Array {
	return ArrayBuffer.isView(source)
		? new Uint8Array(source.buffer, source.byteOffset, source.byteLength)
		: new Uint8Array(source);
}
