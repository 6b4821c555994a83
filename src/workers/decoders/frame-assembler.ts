// ffmpeg's raw frames put back together: showinfo announces each frame in the log (its count,
// time and size) before the frame's bytes reach the frame device, in pieces of any size. Frames
// come complete, in the order announced; a frame its taker does not want is not copied at all.
import { SKIPPED_PICTURE_LOG, type BytePatches } from '$lib/pipeline/skipped-pictures';
import { packedI420Size } from '$lib/pipeline/yuv-to-rgba';
import type { FFmpegRunner } from '../ffmpeg-runner';

const SHOWINFO = /Parsed_showinfo.*\bn:\s*(\d+)\s+pts:\s*\S+\s+pts_time:(\S+).*\bs:(\d+)x(\d+)/;

/** A frame as showinfo announced it: its count in the run (from 0), time and size. */
export interface AnnouncedFrame {
	n: number;
	timeSec: number;
	width: number;
	height: number;
}

export interface FrameTaker<P> {
	/** What the announced frame is to its taker; null: not wanted (its bytes are passed over). */
	place(frame: AnnouncedFrame): P | null;
	/** Where to write a wanted frame of `size` bytes (packed I420). */
	buffer(size: number): Uint8Array;
	/** A wanted frame is complete in `data`, the buffer given for it. */
	take(placed: P, data: Uint8Array, frame: AnnouncedFrame): void;
}

/** The frame announced in a showinfo log line, or null for any other line. */
export function announcedFrame(line: string): AnnouncedFrame | null {
	const m = SHOWINFO.exec(line);
	if (!m) return null;
	return { n: Number(m[1]), timeSec: Number(m[2]), width: Number(m[3]), height: Number(m[4]) };
}

export class FrameAssembler<P> {
	readonly #taker: FrameTaker<P>;
	readonly #announced: { frame: AnnouncedFrame; placed: P | null }[] = [];
	#writing: {
		frame: AnnouncedFrame;
		placed: P | null;
		data: Uint8Array | null;
		size: number;
		filled: number;
	} | null = null;

	constructor(taker: FrameTaker<P>) {
		this.#taker = taker;
	}

	/** A log line of the run: a frame announced is placed at once. */
	line(text: string): void {
		const frame = announcedFrame(text);
		if (frame) this.#announced.push({ frame, placed: this.#taker.place(frame) });
	}

	/** Bytes written to the frame device, valid only during the call. */
	bytes(bytes: Uint8Array): void {
		let at = 0;
		while (at < bytes.length) {
			if (!this.#writing) {
				const next = this.#announced.shift();
				if (!next) throw new Error('ffmpeg wrote a frame that showinfo did not announce.');
				const size = packedI420Size(next.frame.width, next.frame.height);
				const data = next.placed === null ? null : this.#taker.buffer(size);
				this.#writing = { ...next, data, size, filled: 0 };
			}
			const writing = this.#writing;
			const n = Math.min(writing.size - writing.filled, bytes.length - at);
			writing.data?.set(bytes.subarray(at, at + n), writing.filled);
			writing.filled += n;
			at += n;
			if (writing.filled === writing.size) {
				this.#writing = null;
				if (writing.data && writing.placed !== null)
					this.#taker.take(writing.placed, writing.data, writing.frame);
			}
		}
	}
}

/**
 * Runs ffmpeg with `args` (whose output is the frame device) and hands its frames to `taker`;
 * ffmpeg's return code. An error the taker throws stops the handing over and is thrown after
 * the run: never through ffmpeg's wasm stack.
 */
export function execFrames<P>(
	runner: Pick<FFmpegRunner, 'execToSink'>,
	args: string[],
	taker: FrameTaker<P>,
	timeoutMs: number,
	patches: BytePatches | null
): number {
	const assembler = new FrameAssembler(taker);
	let failure: { cause: unknown } | null = null;
	const guard = (call: () => void) => {
		if (failure) return;
		try {
			call();
		} catch (cause) {
			failure = { cause };
		}
	};
	const ret = runner.execToSink(
		args,
		(bytes) => guard(() => assembler.bytes(bytes)),
		(line) => guard(() => assembler.line(line)),
		timeoutMs,
		// Each left-out picture makes ffmpeg say so: neither logged nor passed on.
		patches ? { patches, quiet: SKIPPED_PICTURE_LOG } : {}
	);
	if (failure) throw (failure as { cause: unknown }).cause;
	return ret;
}
