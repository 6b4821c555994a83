/// <reference lib="webworker" />
// The ffmpeg.wasm decoder: reads every container and codec the core knows; the fallback when
// WebCodecs cannot decode a video or fails part-way.
import { planChunks, type PlannedChunk } from '$lib/pipeline/chunk-plan';
import { nalLengthSize, type NalCodec } from '$lib/pipeline/disposable-frames';
import { explainFailure } from '$lib/pipeline/failure-message';
import type { Notice } from '$lib/pipeline/notice';
import { FrameGrid } from '$lib/pipeline/frame-grid';
import { blockFrameOffset, MAX_BLOCK_HEADER } from '$lib/pipeline/matroska-block';
import { ChunkedPass } from '$lib/pipeline/sampling-chunks';
import type { Picture } from '$lib/pipeline/picture';
import type { SamplePosition } from '$lib/pipeline/sampling-ledger';
import { SELECT_SLACK_SEC, selectable, selectAtTimes } from '$lib/pipeline/select-times';
import {
	countBetween,
	DisposableScan,
	planSkips,
	type DisposablePicture,
	type SkipPlan
} from '$lib/pipeline/skipped-pictures';
import { packedI420, packedI420Size } from '$lib/pipeline/yuv-to-rgba';
import type { ProbeInfo } from '$lib/workers/extractor-protocol';
import { FRAMES_DEVICE, type FFmpegRunner } from '../ffmpeg-runner';
import { rgbaCanvas } from '../jpeg';
import { packetTimes, probeVideo, type PacketTimes, type Probed } from '../probe';
import { NotAsPlanned, passAlongside } from './alongside-pass';
import type { FfmpegHelper, HelpedChunk } from './ffmpeg-helper';
import { announcedFrame, execFrames, type AnnouncedFrame } from './frame-assembler';
import type { ChunkJob } from './ffmpeg-helper-protocol';
import type { FrameDecoder, OnSample, SampleOptions } from './frame-decoder';

/**
 * The most bytes of frames a chunk the helper decodes may come to: they wait, whole, until the
 * chunks before it are handed over (≈ 90 samples of 720p, 40 of 1080p); a larger chunk is
 * decoded here, frame by frame.
 */
const HELPED_CHUNK_BUDGET_BYTES = 128 * 1024 * 1024;

/** The pictures one pass leaves undecoded, and the frames that place its samples by time. */
interface Skipping {
	grid: FrameGrid;
	plan: SkipPlan;
	/** The plan's byte changes as the helper thread gets them. */
	pairs: [number, number][];
}

interface AlongsidePlan {
	grid: FrameGrid;
	keyframes: readonly number[];
	skipping: Skipping | null;
	sampleRate: number;
	/** The sample to start at (null: the first frame). */
	start: SamplePosition | null;
}

/** Hands a frame of a planned chunk over; what the consumer returned. */
type HandPlanned = (
	position: SamplePosition,
	data: Uint8Array,
	frame: AnnouncedFrame
) => void | Promise<void>;

/**
 * Where a frame announced in a run over `chunk` goes in the pass, or null when it is not the
 * frame planned (its time tells: the run selects frames by their times).
 */
function planned(
	chunk: PlannedChunk,
	{ n, timeSec }: AnnouncedFrame,
	sampleRate: number
): SamplePosition | null {
	const expected = chunk.times[n];
	if (expected === undefined || Math.abs(timeSec - expected) > 2 * SELECT_SLACK_SEC) return null;
	return { frameIndex: chunk.firstIndex + n * sampleRate, timeSec };
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
	#file: Blob;
	#input: string;
	#helper: FfmpegHelper | null;
	#colour: Probed['colour'];
	#startSec: number;
	#config: Uint8Array | null;
	/** The packets' times, listed on the first sampling pass. */
	#packets: PacketTimes | null = null;
	/** The pictures nothing refers to, found on the first sampling pass that can leave some out. */
	#disposable: DisposablePicture[] | null = null;
	/** The frame being written by ffmpeg here, handed over once complete (then written over). */
	#buffer = new Uint8Array(0);

	private constructor(
		ffmpeg: FFmpegRunner,
		file: Blob,
		input: string,
		probed: Probed,
		helper: FfmpegHelper | null
	) {
		this.#ffmpeg = ffmpeg;
		this.#file = file;
		this.#input = input;
		this.#helper = helper;
		this.probe = probed.info;
		this.#colour = probed.colour;
		this.#startSec = probed.startSec;
		this.#config = probed.config;
	}

	/**
	 * Mounts `file` (never copied into wasm memory) and probes it; throws when it is no video.
	 * `helper`: a second instance to decode chunks alongside this one in sampling passes.
	 */
	static open(ffmpeg: FFmpegRunner, file: Blob, helper: FfmpegHelper | null = null): FfmpegDecoder {
		const input = ffmpeg.mountInput(file);
		const probed = probeVideo(ffmpeg, input);
		if (!probed) {
			const log = ffmpeg.logTail();
			ffmpeg.unmountInput();
			throw new DecodeFailure(explainFailure(log), log);
		}
		return new FfmpegDecoder(ffmpeg, file, input, probed, helper);
	}

	/**
	 * The pass in chunks between key frames, one ffmpeg run each: exec is synchronous, so only
	 * between chunks can detections come back, checkpoints be written and what `onSample` returned
	 * hold the decoder back. It holds it back one chunk late, so the detector works through a
	 * chunk while the next one decodes. `onPause` comes after each chunk: a checkpoint at most one
	 * chunk behind, however quickly a chunk goes. Where the packets place every frame, the chunks
	 * are planned ahead and the helper decodes every other one (#sampleAlongside); else, or
	 * from where that stopped, ChunkedPass plans each chunk from where the last one ended.
	 */
	async sample(
		{ sampleRate, from, startSec, onPause }: SampleOptions,
		onSample: OnSample
	): Promise<{ complete: boolean }> {
		// The helper makes its instance while the packets are listed and the first chunk decodes.
		await this.#helper?.load(this.#ffmpeg.source);
		const packets = (this.#packets ??= this.#listPackets());
		const { fps } = this.probe;
		const grid = packets.frames ? new FrameGrid(packets.frames) : null;
		const skipping = grid && this.#skipping(packets, grid, sampleRate);
		// A time range starts at its first sampled frame, placed in the grid by the packets' times
		// (a seek that lands elsewhere makes the pass start over from the first frame: ChunkedPass).
		const seek = !from && startSec && grid ? grid.firstSampledFrom(startSec, sampleRate) : null;
		if (seek) this.timings.seekedTo = seek.timeSec;
		let start = from ?? seek;
		let hand = onSample;
		if (grid && this.#helper) {
			const plan = { grid, keyframes: packets.keyframes, skipping, sampleRate, start };
			const alongside = await this.#sampleAlongside(this.#helper, plan, onSample, onPause);
			if (alongside.complete) return { complete: true };
			// What was handed over already is not handed again.
			const handed = alongside.handed;
			if (handed) {
				start = handed;
				hand = (frame) => (frame.frameIndex > handed.frameIndex ? onSample(frame) : undefined);
			}
		}
		const pass = new ChunkedPass({ sampleRate, fps, keyframes: packets.keyframes }, start);
		let behind: Promise<void>[] = [];
		let complete = true;
		do {
			const { ret, handed } = this.#sampleChunk(pass, sampleRate, hand, skipping);
			const waiting = Promise.all(behind);
			behind = handed;
			await this.#between(waiting, onPause);
			complete = ret === 0;
		} while (complete && pass.advance());
		await Promise.all(behind);
		// The profile says where decoding began: not at the range if the seek missed.
		if (seek && pass.startedOver) delete this.timings.seekedTo;
		return { complete };
	}

	/**
	 * The pass in chunks planned ahead from the grid, the helper decoding every other one while
	 * this thread decodes the chunk before it (passAlongside), each frame checked against the
	 * plan by its time. Resolves complete at the pass's end; else with the last sample handed
	 * over (null: none), for the rest to go one chunk at a time.
	 */
	async #sampleAlongside(
		helper: FfmpegHelper,
		{ grid, keyframes, skipping, sampleRate, start }: AlongsidePlan,
		onSample: OnSample,
		onPause: (() => void) | undefined
	): Promise<{ complete: true } | { complete: false; handed: SamplePosition | null }> {
		const fromIndex = start?.frameIndex ?? 0;
		const sampled = grid.sampledTimes(fromIndex, sampleRate, null);
		const chunks = planChunks(sampled, fromIndex, { sampleRate, keyframes });
		if (chunks.length < 2 || !chunks.every((c) => selectable(c.times, grid.shortestGapSec)))
			return { complete: false, handed: null };
		const frameBytes = packedI420Size(this.probe.width, this.probe.height);
		let handed: SamplePosition | null = null;
		const hand: HandPlanned = (position, data, frame) => {
			const result = onSample({ ...position, picture: this.#picture(data, frame) });
			handed = position;
			return result;
		};
		const complete = await passAlongside(chunks, {
			startHelped: (chunk) =>
				chunk.times.length * frameBytes <= HELPED_CHUNK_BUDGET_BYTES
					? helper.decode(this.#chunkJob(chunk, sampleRate, skipping))
					: null,
			decodeHere: (chunk, results) => this.#decodeHere(chunk, sampleRate, skipping, hand, results),
			takeHelped: async (frames, chunk, results) => {
				await this.#takeHelped(frames, chunk, sampleRate, hand, results);
				this.#countSkipped(chunk.times, skipping);
				this.timings.helped = (this.timings.helped ?? 0) + 1;
			},
			between: (behind) => this.#between(behind, onPause)
		});
		return complete ? { complete } : { complete, handed };
	}

	/** Between two chunks: waits for `behind`, lets detections in, then `onPause`. */
	async #between(behind: Promise<unknown>, onPause: (() => void) | undefined) {
		const started = performance.now();
		await behind;
		// Detections arrive as messages: let them in before the next chunk blocks the thread.
		await new Promise((resolve) => setTimeout(resolve, 0));
		this.#addTime('settle', started);
		onPause?.();
	}

	/** Decodes `chunk` on this thread, handing its frames over as they come. */
	#decodeHere(
		chunk: PlannedChunk,
		sampleRate: number,
		skipping: Skipping | null,
		hand: HandPlanned,
		results: Promise<void>[]
	): void {
		let missed = false;
		let taken = 0;
		const ret = execFrames(
			this.#ffmpeg,
			this.#chunkArgs(chunk, skipping),
			{
				place: (frame) => {
					const position = missed ? null : planned(chunk, frame, sampleRate);
					missed ||= !position;
					return position;
				},
				buffer: (size) => this.#frameBuffer(size),
				take: (position, data, frame) => {
					const result = hand(position, data, frame);
					if (result) results.push(result);
					taken++;
				}
			},
			this.#timeoutFor(chunk, sampleRate),
			skipping?.plan.patches ?? null
		);
		if (ret !== 0 || missed || taken !== chunk.times.length) throw new NotAsPlanned();
		this.#countSkipped(chunk.times, skipping);
	}

	/** Hands over the frames the helper decodes for `chunk`, as they arrive. */
	async #takeHelped(
		frames: HelpedChunk,
		chunk: PlannedChunk,
		sampleRate: number,
		hand: HandPlanned,
		results: Promise<void>[]
	): Promise<void> {
		try {
			for (let taken = 0; ; taken++) {
				const started = performance.now();
				const next = await frames.next();
				this.#addTime('helperWait', started);
				if (!('frame' in next)) {
					if (next.ret !== 0 || taken !== chunk.times.length) throw new NotAsPlanned();
					return;
				}
				const position = planned(chunk, next.frame, sampleRate);
				if (!position || next.frame.n !== taken) throw new NotAsPlanned();
				const result = hand(position, next.data, next.frame);
				if (result) results.push(result);
			}
		} finally {
			frames.cancel();
		}
	}

	/** What the helper is to run for `chunk`. */
	#chunkJob(chunk: PlannedChunk, sampleRate: number, skipping: Skipping | null): ChunkJob {
		return {
			file: this.#file,
			args: this.#chunkArgs(chunk, skipping),
			patches: skipping?.pairs ?? null,
			timeoutMs: this.#timeoutFor(chunk, sampleRate)
		};
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
		return plan.patches.size > 0 ? { grid, plan, pairs: plan.patches.pairs() } : null;
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
	 * Counts, for the profile, the pictures a chunk sampling `times` left undecoded: once it has
	 * run through (a chunk that failed is decoded again, and counted then).
	 */
	#countSkipped(times: readonly number[], skipping: Skipping | null) {
		if (!skipping) return;
		const left = countBetween(skipping.plan.times, times[0]!, times.at(-1)!);
		this.timings.skipped = (this.timings.skipped ?? 0) + left;
	}

	/** The buffer a frame decoded here is written to (one, reused: memory stays flat). */
	#frameBuffer(size: number): Uint8Array {
		if (this.#buffer.length < size) this.#buffer = new Uint8Array(size);
		return this.#buffer.subarray(0, size);
	}

	#picture(data: Uint8Array, { width, height }: AnnouncedFrame): Picture {
		return { kind: 'yuv', frame: packedI420(data, width, height, this.#colour) };
	}

	#timeoutFor(chunk: PlannedChunk, sampleRate: number): number {
		return execTimeoutMs((chunk.times.length * sampleRate) / this.probe.fps);
	}

	/** The run over a planned chunk: from its first sample (its times selected), to its last. */
	#chunkArgs(chunk: PlannedChunk, skipping: Skipping | null): string[] {
		const seek = chunk.firstIndex > 0 ? this.#seekTo(chunk.times[0]!) : null;
		return this.#runArgs(seek, selectAtTimes(chunk.times), chunk.times.length, skipping !== null);
	}

	/**
	 * ffmpeg's arguments for one run of a pass. Frames stream to the runner's frame device as raw
	 * YUV 4:2:0 at full size (FrameAssembler puts them back together). Frames are scaled by the
	 * code the WebCodecs path uses: both decoders are bit-exact, so the detector sees the very
	 * same pixels from either. showinfo only announces frames: its per-plane checksums and
	 * statistics cost ~20 ms a full-size frame in wasm, so they are off. From a seek, -copyts
	 * -start_at_zero keep the timestamps a pass from the start has.
	 */
	#runArgs(seek: string | null, select: string, frames: number | null, patched: boolean) {
		return [
			// Each left-out H.264 picture counts as a decoding error: they never fail the run.
			...(patched ? ['-max_error_rate', '1'] : []),
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
			...(frames === null ? [] : ['-frames:v', String(frames)]),
			'-f',
			'rawvideo',
			FRAMES_DEVICE
		];
	}

	/**
	 * One ffmpeg run over `pass.chunk`, each frame handed over as soon as its last byte is
	 * written. From a sample on: seek to the key frame before it, and count from the sample itself
	 * (select gte(t); the seek alone lets an earlier frame through in some AVIs).
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
		const handed: Promise<void>[] = [];
		const seek = from ? this.#seekTo(from.timeSec) : null;
		const select = skip
			? selectAtTimes(times)
			: `${seek ? `select='gte(t\\,${seek})',` : ''}select='not(mod(n\\,${sampleRate}))'`;
		const ret = execFrames(
			this.#ffmpeg,
			this.#runArgs(seek, select, samples, skip !== null),
			{
				place: (frame) => pass.place(frame.n, frame.timeSec),
				buffer: (size) => this.#frameBuffer(size),
				take: (position, data, frame) => {
					const result = onSample({ ...position, picture: this.#picture(data, frame) });
					if (result) handed.push(result);
				}
			},
			execTimeoutMs(
				samples === null ? this.probe.durationSec : (samples * sampleRate) / this.probe.fps
			),
			skip?.plan.patches ?? null
		);
		if (ret === 0 && skip) this.#countSkipped(times, skip);
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
				const frame = announcedFrame(line);
				if (frame) size = [frame.width, frame.height];
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
