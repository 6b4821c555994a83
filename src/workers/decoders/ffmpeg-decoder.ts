/// <reference lib="webworker" />
// The ffmpeg.wasm decoder: reads every container and codec the core knows; the fallback when
// WebCodecs cannot decode a video or fails part-way.
import { nalLengthSize, type NalCodec } from '$lib/pipeline/disposable-frames';
import { explainFailure } from '$lib/pipeline/failure-message';
import type { Notice } from '$lib/pipeline/notice';
import { FrameGrid } from '$lib/pipeline/frame-grid';
import { blockFrameOffset, MAX_BLOCK_HEADER } from '$lib/pipeline/matroska-block';
import { ChunkedPass } from '$lib/pipeline/sampling-chunks';
import type { SamplePosition } from '$lib/pipeline/sampling-ledger';
import { selectable, selectAtTimes } from '$lib/pipeline/select-times';
import {
	countBetween,
	DisposableScan,
	planSkips,
	SKIPPED_PICTURE_LOG,
	type DisposablePicture,
	type SkipPlan
} from '$lib/pipeline/skipped-pictures';
import { packedI420, packedI420Size } from '$lib/pipeline/yuv-to-rgba';
import type { ProbeInfo } from '$lib/workers/extractor-protocol';
import { FRAMES_DEVICE, type FFmpegRunner } from '../ffmpeg-runner';
import { rgbaCanvas } from '../jpeg';
import { packetTimes, probeVideo, type PacketTimes, type Probed } from '../probe';
import type { FrameDecoder, OnSample, SampleOptions } from './frame-decoder';

const SHOWINFO = /Parsed_showinfo.*\bn:\s*(\d+)\s+pts:\s*\S+\s+pts_time:(\S+).*\bs:(\d+)x(\d+)/;

interface Announced {
	/** Where it goes in the pass; null: not handed over (ChunkedPass.place). */
	position: SamplePosition | null;
	w: number;
	h: number;
}

/** The pictures one pass leaves undecoded, and the frames that place its samples by time. */
interface Skipping {
	grid: FrameGrid;
	plan: SkipPlan;
}

/** A failure already explained for people (its notice), with the log for the details view. */
export class DecodeFailure extends Error {
	constructor(
		readonly notice: Notice,
		readonly details: string
	) {
		super(notice.code);
	}
}

/** Generous per-exec limit so a stuck decode fails instead of hanging: 60 s + 20× real time. */
function execTimeoutMs(durationSec: number) {
	return (60 + durationSec * 20) * 1000;
}

export class FfmpegDecoder implements FrameDecoder {
	readonly name = 'ffmpeg.wasm';
	readonly timings: Record<string, number> = {};
	readonly probe: ProbeInfo;
	#ffmpeg: FFmpegRunner;
	#input: string;
	#colour: Probed['colour'];
	#startSec: number;
	#config: Uint8Array | null;
	/** The packets' times, listed on the first sampling pass. */
	#packets: PacketTimes | null = null;
	/** The pictures nothing refers to, found on the first sampling pass that can leave some out. */
	#disposable: DisposablePicture[] | null = null;
	/** The frame being written by ffmpeg, handed over once complete (then written over). */
	#buffer = new Uint8Array(0);

	private constructor(ffmpeg: FFmpegRunner, input: string, probed: Probed) {
		this.#ffmpeg = ffmpeg;
		this.#input = input;
		this.probe = probed.info;
		this.#colour = probed.colour;
		this.#startSec = probed.startSec;
		this.#config = probed.config;
	}

	/** Mounts `file` (never copied into wasm memory) and probes it; throws when it is no video. */
	static open(ffmpeg: FFmpegRunner, file: Blob): FfmpegDecoder {
		const input = ffmpeg.mountInput(file);
		const probed = probeVideo(ffmpeg, input);
		if (!probed) {
			const log = ffmpeg.logTail();
			ffmpeg.unmountInput();
			throw new DecodeFailure(explainFailure(log), log);
		}
		return new FfmpegDecoder(ffmpeg, input, probed);
	}

	/**
	 * The pass in chunks between key frames (ChunkedPass), one ffmpeg run each: exec is
	 * synchronous, so only between chunks can detections come back, checkpoints be written and
	 * what `onSample` returned hold the decoder back. It holds it back one chunk late, so the
	 * detector works through a chunk while the next one decodes. `onPause` comes after each
	 * chunk: a checkpoint at most one chunk behind, however quickly a chunk goes.
	 */
	async sample(
		{ sampleRate, from, startSec, onPause }: SampleOptions,
		onSample: OnSample
	): Promise<{ complete: boolean }> {
		const packets = (this.#packets ??= this.#listPackets());
		const { fps } = this.probe;
		const grid = packets.frames ? new FrameGrid(packets.frames) : null;
		const skipping = grid && this.#skipping(packets, grid, sampleRate);
		// A time range starts at its first sampled frame, placed in the grid by the packets' times
		// (a seek that lands elsewhere makes the pass start over from the first frame: ChunkedPass).
		const seek = !from && startSec && grid ? grid.firstSampledFrom(startSec, sampleRate) : null;
		if (seek) this.timings.seekedTo = seek.timeSec;
		const pass = new ChunkedPass({ sampleRate, fps, keyframes: packets.keyframes }, from ?? seek);
		let behind: Promise<void>[] = [];
		let complete = true;
		do {
			const { ret, handed } = this.#sampleChunk(pass, sampleRate, onSample, skipping);
			const started = performance.now();
			await Promise.all(behind);
			behind = handed;
			// Detections arrive as messages: let them in before the next chunk blocks the thread.
			await new Promise((resolve) => setTimeout(resolve, 0));
			this.#addTime('settle', started);
			complete = ret === 0;
			onPause?.();
		} while (complete && pass.advance());
		await Promise.all(behind);
		// The profile says where decoding began: not at the range if the seek missed.
		if (seek && pass.startedOver) delete this.timings.seekedTo;
		return { complete };
	}

	#listPackets(): PacketTimes {
		const started = performance.now();
		const times = packetTimes(this.#ffmpeg, this.#input, this.#startSec);
		this.#addTime('keyframes', started);
		return times;
	}

	/**
	 * What a pass at `sampleRate` may leave undecoded: H.264's and HEVC's disposable pictures
	 * that are not sampled, where the packets are length-prefixed NAL units (MP4, MOV, Matroska)
	 * and their times place every frame; null where nothing can be left out.
	 */
	#skipping(packets: PacketTimes, grid: FrameGrid, sampleRate: number): Skipping | null {
		const codec = this.probe.codec;
		if (codec !== 'h264' && codec !== 'hevc') return null;
		const lengthSize = nalLengthSize(codec, this.#config);
		if (!lengthSize) return null;
		this.#disposable ??= this.#scanDisposable(codec, lengthSize, packets);
		const plan = planSkips(this.#disposable, grid, sampleRate);
		return plan.patches.size > 0 ? { grid, plan } : null;
	}

	/** Reads every packet's NAL unit headers (through the blocks ffmpeg reads next). */
	#scanDisposable(codec: NalCodec, lengthSize: number, packets: PacketTimes): DisposablePicture[] {
		const started = performance.now();
		const scan = new DisposableScan(codec, lengthSize);
		const inBlocks = this.probe.container.startsWith('matroska');
		for (const packet of packets.packets) {
			if (!inBlocks) {
				scan.add(packet, this.#ffmpeg.readInput(packet.pos, packet.size));
				continue;
			}
			// A laced block, or one whose frame is not all there, is left as it is.
			const block = this.#ffmpeg.readInput(packet.pos, MAX_BLOCK_HEADER + packet.size);
			const at = blockFrameOffset(block);
			if (at !== null && block.length >= at + packet.size)
				scan.add({ ...packet, pos: packet.pos + at }, block.subarray(at, at + packet.size));
		}
		this.#addTime('scan', started);
		return scan.pictures();
	}

	#addTime(stage: string, since: number) {
		this.timings[stage] = (this.timings[stage] ?? 0) + (performance.now() - since) / 1000;
	}

	/**
	 * One ffmpeg run over `pass.chunk`. Frames stream to the runner's frame device as raw YUV
	 * 4:2:0 at full size, each handed over as soon as its last byte is written, in the order
	 * showinfo announced them (it prints a frame's line before the frame is encoded). Memory
	 * stays flat: one frame's buffer, written over. Frames are scaled by the code the WebCodecs
	 * path uses: both decoders are bit-exact, so the detector sees the very same pixels from
	 * either. showinfo only announces frames: its per-plane checksums and statistics cost ~20 ms a
	 * full-size frame in wasm, so they are off.
	 */
	#sampleChunk(
		pass: ChunkedPass,
		sampleRate: number,
		onSample: OnSample,
		skipping: Skipping | null
	): { ret: number; handed: Promise<void>[] } {
		const { from, samples } = pass.chunk;
		// Where pictures are left out, ffmpeg's frame count no longer places a frame: the chunk's
		// samples are selected by their times instead.
		const times = skipping?.grid.sampledTimes(from?.frameIndex ?? 0, sampleRate, samples) ?? [];
		const skip = skipping && selectable(times, skipping.grid.shortestGapSec) ? skipping : null;
		if (skip) {
			const left = countBetween(skip.plan.times, times[0]!, times.at(-1)!);
			this.timings.skipped = (this.timings.skipped ?? 0) + left;
		}
		const handed: Promise<void>[] = [];
		const announced: Announced[] = [];
		let writing: { frame: Announced; size: number; filled: number } | null = null;
		let consumeError: unknown = null;

		const consume = ({ position, w, h }: Announced) => {
			if (!position) return;
			const data = this.#buffer.subarray(0, packedI420Size(w, h));
			const picture = { kind: 'yuv', frame: packedI420(data, w, h, this.#colour) } as const;
			const result = onSample({ ...position, picture });
			if (result) handed.push(result);
		};
		const onBytes = (bytes: Uint8Array) => {
			let at = 0;
			while (at < bytes.length && !consumeError) {
				if (!writing) {
					const frame = announced.shift();
					if (!frame) throw new Error('ffmpeg wrote a frame that showinfo did not announce.');
					const size = packedI420Size(frame.w, frame.h);
					if (this.#buffer.length < size) this.#buffer = new Uint8Array(size);
					writing = { frame, size, filled: 0 };
				}
				const n = Math.min(writing.size - writing.filled, bytes.length - at);
				// A frame not handed over is not kept either.
				if (writing.frame.position) this.#buffer.set(bytes.subarray(at, at + n), writing.filled);
				writing.filled += n;
				at += n;
				if (writing.filled === writing.size) {
					const done = writing.frame;
					writing = null;
					consume(done);
				}
			}
		};

		// From a sample on: seek to the key frame before it, and count from the sample itself
		// (select gte(t); the seek alone lets an earlier frame through in some AVIs), while
		// -copyts -start_at_zero keep the timestamps a pass from the start has.
		const seek = from ? this.#seekTo(from.timeSec) : null;
		const select = skip
			? selectAtTimes(times)
			: `${seek ? `select='gte(t\\,${seek})',` : ''}select='not(mod(n\\,${sampleRate}))'`;
		const ret = this.#ffmpeg.execToSink(
			[
				// Each left-out H.264 picture counts as a decoding error: they never fail the run.
				...(skip ? ['-max_error_rate', '1'] : []),
				...(seek ? ['-ss', seek, '-copyts', '-start_at_zero'] : []),
				'-i',
				this.#input,
				'-an',
				'-sn',
				'-dn',
				'-vf',
				`${select},format=yuv420p,showinfo=checksum=0`,
				'-fps_mode',
				'passthrough',
				...(samples === null ? [] : ['-frames:v', String(samples)]),
				'-f',
				'rawvideo',
				FRAMES_DEVICE
			],
			(bytes) => {
				// Never let an exception unwind through ffmpeg's wasm stack: keep it for after exec.
				try {
					onBytes(bytes);
				} catch (error) {
					consumeError ??= error;
				}
			},
			(line) => {
				const m = SHOWINFO.exec(line);
				if (!m) return;
				const position = pass.place(Number(m[1]), Number(m[2]));
				announced.push({ position, w: Number(m[3]), h: Number(m[4]) });
			},
			execTimeoutMs(
				samples === null ? this.probe.durationSec : (samples * sampleRate) / this.probe.fps
			),
			skip ? { patches: skip.plan.patches, quiet: SKIPPED_PICTURE_LOG } : {}
		);
		if (consumeError) throw consumeError;
		return { ret, handed };
	}

	/** Where to seek for the frame at `timeSec`: half a frame early, so rounding never skips it. */
	#seekTo(timeSec: number): string {
		return Math.max(0, timeSec - 0.5 / this.probe.fps).toFixed(6);
	}

	async *fullFrames(times: readonly number[]): AsyncGenerator<OffscreenCanvas> {
		for (const t of times) {
			const { rgba, width, height } = this.#decodeFullFrame(t);
			yield rgbaCanvas(rgba, width, height);
			// Let the consumer encode before the next decode (keeps one frame in memory).
			await Promise.resolve();
		}
	}

	/**
	 * One frame at full resolution as RGBA: seeks to just before its timestamp and, as the sampling
	 * pass does, takes the first frame from there on (the seek alone lets an earlier frame through
	 * in some AVIs; -copyts -start_at_zero keep the timeline the sampling pass saw).
	 */
	#decodeFullFrame(timeSec: number): { rgba: Uint8Array; width: number; height: number } {
		const ffmpeg = this.#ffmpeg;
		const seek = this.#seekTo(timeSec);
		let size: [number, number] | null = null;
		const ret = ffmpeg.exec(
			[
				'-ss',
				seek,
				'-copyts',
				'-start_at_zero',
				'-i',
				this.#input,
				'-an',
				'-sn',
				'-dn',
				'-frames:v',
				'1',
				'-vf',
				`select='gte(t\\,${seek})',format=rgba,showinfo=checksum=0`,
				'-f',
				'rawvideo',
				'/output/full.rgba'
			],
			(line) => {
				const m = SHOWINFO.exec(line);
				if (m) size = [Number(m[3]), Number(m[4])];
			},
			execTimeoutMs(10)
		);
		const dims = size as [number, number] | null;
		if (ret !== 0 || !dims || !ffmpeg.hasOutput('full.rgba')) {
			throw new DecodeFailure(explainFailure(ffmpeg.logTail()), ffmpeg.logTail());
		}
		const rgba = ffmpeg.readOutput('full.rgba');
		ffmpeg.removeOutput('full.rgba');
		return { rgba, width: dims[0], height: dims[1] };
	}

	details(): string {
		return this.#ffmpeg.logTail();
	}

	close(): void {
		this.#ffmpeg.unmountInput();
		this.#ffmpeg.clearOutputs();
	}
}
