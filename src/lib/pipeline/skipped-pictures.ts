// How the ffmpeg.wasm path leaves pictures undecoded. Its decoder cannot be told which packets to
// drop (`-skip_frame noref` drops every non-reference picture, sampled ones too), so the bytes it
// reads are changed instead: each slice of a disposable picture that is not sampled becomes
// filler data (one header byte each, the container untouched), and the decoder passes over it.
// Every other picture decodes bit for bit as before.
import { fillerHeader, pictureSlices, type NalCodec } from './disposable-frames';
import type { FrameGrid } from './frame-grid';
import { lowerBound } from './lower-bound';

/**
 * What ffmpeg says of each left-out H.264 picture (a packet without a slice is an error to its
 * decoder; HEVC's passes over it silently): kept out of the log, where it would hide the lines that
 * explain a real failure.
 */
export const SKIPPED_PICTURE_LOG =
	/\] no frame!$|^Error while decoding stream #\d+:\d+: Invalid data found when processing input$/;

/** One packet of the stream, where it is in the file and when it is shown. */
export interface PlacedPacket {
	/** Its byte offset in the file. */
	pos: number;
	/** Its presentation time, as the frame grid has it. */
	timeSec: number;
	key: boolean;
}

/** A picture nothing refers to, and the header bytes that leave it out. */
export interface DisposablePicture {
	timeSec: number;
	/** [file offset, filler header] of each of its slices. */
	patches: [offset: number, value: number][];
}

/**
 * Collects a stream's disposable pictures packet by packet. An HEVC sub-layer non-reference
 * picture may still be referred to by a higher sub-layer, so only those of the stream's top
 * sub-layer count: known once every packet is in.
 */
export class DisposableScan {
	readonly #codec: NalCodec;
	readonly #lengthSize: number;
	#candidates: (DisposablePicture & { temporalId: number })[] = [];
	#topLayer = 0;

	constructor(codec: NalCodec, lengthSize: number) {
		this.#codec = codec;
		this.#lengthSize = lengthSize;
	}

	/** A packet and its bytes. */
	add(packet: PlacedPacket, data: Uint8Array): void {
		const slices = pictureSlices(data, this.#lengthSize, this.#codec);
		if (!slices) return;
		this.#topLayer = Math.max(this.#topLayer, slices.temporalId);
		if (packet.key || !slices.nonReference) return;
		this.#candidates.push({
			timeSec: packet.timeSec,
			temporalId: slices.temporalId,
			patches: slices.headers.map((at) => [packet.pos + at, fillerHeader(data[at]!, this.#codec)])
		});
	}

	pictures(): DisposablePicture[] {
		return this.#candidates
			.filter((c) => c.temporalId === this.#topLayer)
			.map(({ timeSec, patches }) => ({ timeSec, patches }));
	}
}

/** Single-byte changes to a file, applied to whatever is read of it. */
export class BytePatches {
	readonly #offsets: number[];
	readonly #values: number[];

	constructor(patches: readonly [offset: number, value: number][]) {
		const sorted = [...patches].sort((a, b) => a[0] - b[0]);
		this.#offsets = sorted.map(([offset]) => offset);
		this.#values = sorted.map(([, value]) => value);
	}

	get size(): number {
		return this.#offsets.length;
	}

	/** The changes as [offset, value] pairs (what the constructor takes), to send elsewhere. */
	pairs(): [offset: number, value: number][] {
		return this.#offsets.map((offset, i) => [offset, this.#values[i]!]);
	}

	/** `bytes` were read from the file at `position`: the changes that fall in them are made. */
	apply(position: number, bytes: Uint8Array): void {
		const end = position + bytes.length;
		for (
			let i = lowerBound(this.#offsets, position);
			i < this.#offsets.length && this.#offsets[i]! < end;
			i++
		)
			bytes[this.#offsets[i]! - position] = this.#values[i]!;
	}
}

export interface SkipPlan {
	patches: BytePatches;
	/** The left-out pictures' times, ascending. */
	times: number[];
}

/** The disposable pictures that sampling every `sampleRate`-th frame does not take. */
export function planSkips(
	pictures: readonly DisposablePicture[],
	grid: FrameGrid,
	sampleRate: number
): SkipPlan {
	const skipped = pictures.filter((p) => {
		const index = grid.indexOf(p.timeSec);
		return index !== undefined && index % sampleRate !== 0;
	});
	return {
		patches: new BytePatches(skipped.flatMap((p) => p.patches)),
		times: skipped.map((p) => p.timeSec).sort((a, b) => a - b)
	};
}

/** How many of the ascending `times` lie in [from, to]. */
export function countBetween(times: readonly number[], from: number, to: number): number {
	return Math.max(0, lowerBound(times, to + 1e-9) - lowerBound(times, from));
}
