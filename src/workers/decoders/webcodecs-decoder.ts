/// <reference lib="webworker" />
// The WebCodecs decoder: mediabunny demuxes MP4/MOV/WebM/MKV (reading the File in slices,
// never whole) and the browser's VideoDecoder decodes. The sampling pass runs on the sampling
// thread (SamplingThread), which hands over the sampled frames; the chosen frames that were not
// held are decoded again here. Used only when VideoDecoder.isConfigSupported accepts the track's
// configuration.
import { Input, MP4, QTFF, VideoSample, VideoSampleSink, type InputVideoTrack } from 'mediabunny';
import { avcLengthSize } from '$lib/pipeline/disposable-frames';
import { errorText } from '$lib/pipeline/failure-message';
import type { Picture } from '$lib/pipeline/picture';
import { fitWithin, type YuvFrame } from '$lib/pipeline/yuv-to-rgba';
import type { ProbeInfo } from '$lib/workers/extractor-protocol';
import { yuvCanvas } from '../jpeg';
import type { FrameDecoder, OnSample, SampleOptions } from './frame-decoder';
import type { SamplingThread } from './sampling-thread';
import { openInput } from './webcodecs-input';
import type { SamplingStats } from './webcodecs-sampling';

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
	#file: Blob;
	#thread: SamplingThread;

	private constructor(
		{ file, thread }: { file: Blob; thread: SamplingThread },
		input: Input,
		track: InputVideoTrack,
		probe: ProbeInfo,
		colour: VideoColorSpaceInit,
		avcLengthSize: number | null
	) {
		this.#file = file;
		this.#thread = thread;
		this.#input = input;
		this.#track = track;
		this.probe = probe;
		this.#announcedEnd = probe.durationSec;
		this.#matrix = colour.matrix === 'bt709' ? 'bt709' : 'bt601';
		this.#fullRange = colour.fullRange === true;
		this.#avcLengthSize = avcLengthSize;
	}

	/**
	 * The decoder for `file`, sampling on `thread`, or why WebCodecs cannot take it (then
	 * ffmpeg.wasm does).
	 */
	static async open(file: Blob, thread: SamplingThread): Promise<OpenResult> {
		if (typeof VideoDecoder === 'undefined')
			return { unsupported: 'This browser has no WebCodecs.' };
		const input = openInput(file);
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
			return {
				decoder: new WebCodecsDecoder({ file, thread }, input, track, probe, colour, avc)
			};
		} catch (error) {
			input.dispose();
			return { unsupported: `WebCodecs cannot read this file (${errorText(error)}).` };
		}
	}

	async sample(
		{ sampleRate, longSide, from, startSec }: SampleOptions,
		onSample: OnSample
	): Promise<{ complete: boolean }> {
		const job = { sampleRate, from, startSec, avcLengthSize: this.#avcLengthSize };
		try {
			const result = await this.#thread.sample(
				this.#file,
				job,
				async ({ frameIndex, timeSec, durationSec, rotation, flip, frame, stats }) => {
					this.#count(stats);
					const sample = new VideoSample(frame, {
						timestamp: timeSec,
						duration: durationSec,
						rotation,
						flip
					});
					let handed: void | Promise<void>;
					try {
						const started = performance.now();
						const picture = await this.#picture(sample, longSide);
						this.timings.copy += (performance.now() - started) / 1000;
						handed = onSample({ frameIndex, timeSec: sample.timestamp, picture });
					} finally {
						sample.close();
					}
					// Closed first: the decoder gets its frame back while the consumer catches up.
					await handed;
				}
			);
			this.#count(result);
			return { complete: result.end >= this.#announcedEnd - END_TOLERANCE_SEC };
		} catch (error) {
			this.#lastError = errorText(error);
			throw error;
		}
	}

	/** The pass's figures for the profile, as of its latest frame (a consumer may stop it there). */
	#count({ skipped, seekedTo }: SamplingStats) {
		this.timings.skipped = skipped;
		if (seekedTo !== null) this.timings.seekedTo = seekedTo;
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
