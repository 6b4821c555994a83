/// <reference lib="webworker" />
// The ffmpeg.wasm decoder: reads every container and codec the core knows; the fallback when
// WebCodecs cannot decode a video or fails part-way.
import { explainFailure } from '$lib/pipeline/failure-message';
import type { Notice } from '$lib/pipeline/notice';
import { packedI420 } from '$lib/pipeline/yuv-to-rgba';
import type { ProbeInfo } from '$lib/workers/extractor-protocol';
import type { FFmpegRunner } from '../ffmpeg-runner';
import { rgbaCanvas } from '../jpeg';
import { probeVideo, type Probed } from '../probe';
import type { FrameDecoder, OnSample, SampleOptions } from './frame-decoder';

const SHOWINFO = /Parsed_showinfo.*\bn:\s*(\d+)\s+pts:\s*\S+\s+pts_time:(\S+).*\bs:(\d+)x(\d+)/;

interface Announced {
	k: number;
	timeSec: number;
	w: number;
	h: number;
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

	private constructor(ffmpeg: FFmpegRunner, input: string, probed: Probed) {
		this.#ffmpeg = ffmpeg;
		this.#input = input;
		this.probe = probed.info;
		this.#colour = probed.colour;
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
	 * One ffmpeg pass. Frames go to MEMFS one file each and are handed over while ffmpeg still
	 * runs: when showinfo announces frame k, frame k-1's file is complete. Memory stays flat.
	 * Frames leave ffmpeg as full-size YUV 4:2:0 and are scaled by the code the WebCodecs path
	 * uses: both decoders are bit-exact, so the detector sees the very same pixels from either.
	 * exec is synchronous, so what `onSample` returns cannot hold it back: the consumer bounds
	 * what it keeps itself.
	 * showinfo only announces frames: its per-plane checksums and statistics cost ~20 ms a
	 * full-size frame in wasm, so they are off.
	 */
	sample({ sampleRate, from }: SampleOptions, onSample: OnSample): Promise<{ complete: boolean }> {
		const ffmpeg = this.#ffmpeg;
		let pending: Announced | null = null;
		let consumeError: unknown = null;
		const first = from?.frameIndex ?? 0;

		const consume = (f: Announced) => {
			const name = `s_${f.k}.yuv`;
			const data = ffmpeg.readOutput(name);
			ffmpeg.removeOutput(name);
			const picture = { kind: 'yuv', frame: packedI420(data, f.w, f.h, this.#colour) } as const;
			void onSample({ frameIndex: first + f.k * sampleRate, timeSec: f.timeSec, picture });
		};

		ffmpeg.clearOutputs();
		const ret = ffmpeg.exec(
			[
				// The select filter's `n` then counts from `from`; -copyts -start_at_zero keep the
				// timestamps a pass from the start has.
				...(from ? [...this.#seekTo(from.timeSec), '-copyts', '-start_at_zero'] : []),
				'-i',
				this.#input,
				'-an',
				'-sn',
				'-dn',
				'-vf',
				`select='not(mod(n\\,${sampleRate}))',format=yuv420p,showinfo=checksum=0`,
				'-fps_mode',
				'passthrough',
				'-f',
				'image2',
				'-start_number',
				'0',
				'-c:v',
				'rawvideo',
				'/output/s_%d.yuv'
			],
			(line) => {
				const m = SHOWINFO.exec(line);
				if (!m || consumeError) return;
				// Never let an exception unwind through ffmpeg's wasm stack: keep it for after exec.
				try {
					if (pending) consume(pending);
				} catch (error) {
					consumeError = error;
				}
				pending = { k: Number(m[1]), timeSec: Number(m[2]), w: Number(m[3]), h: Number(m[4]) };
			},
			execTimeoutMs(this.probe.durationSec)
		);
		if (consumeError) return Promise.reject(consumeError as Error);
		// The last announced frame is complete once ffmpeg returns (if it got written at all).
		const last = pending as Announced | null;
		if (last && ffmpeg.hasOutput(`s_${last.k}.yuv`)) consume(last);
		return Promise.resolve({ complete: ret === 0 });
	}

	/** Input options for the frame at `timeSec`: half a frame early, so rounding never skips it. */
	#seekTo(timeSec: number): string[] {
		return ['-ss', Math.max(0, timeSec - 0.5 / this.probe.fps).toFixed(6)];
	}

	async *fullFrames(times: readonly number[]): AsyncGenerator<OffscreenCanvas> {
		for (const t of times) {
			const { rgba, width, height } = this.#decodeFullFrame(t);
			yield rgbaCanvas(rgba, width, height);
			// Let the consumer encode before the next decode (keeps one frame in memory).
			await Promise.resolve();
		}
	}

	/** One frame at full resolution as RGBA; seeks to just before its timestamp. */
	#decodeFullFrame(timeSec: number): { rgba: Uint8Array; width: number; height: number } {
		const ffmpeg = this.#ffmpeg;
		let size: [number, number] | null = null;
		const ret = ffmpeg.exec(
			[
				...this.#seekTo(timeSec),
				'-i',
				this.#input,
				'-an',
				'-sn',
				'-dn',
				'-frames:v',
				'1',
				'-vf',
				'format=rgba,showinfo=checksum=0',
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
