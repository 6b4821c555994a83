/// <reference lib="webworker" />
// The sampling pass's consumer: decides per sampled frame whether the detector must look at it
// (DetectGate), prepares those frames at once (the decoder reuses its buffers), sends them to the
// detector's thread and measures them when their faces come back. At most MAX_IN_FLIGHT frames
// wait for the detector: a decoder that can wait is held back by the promise returned. The
// full-size pictures of the likely keyframes are kept (within a budget) so extraction need not
// decode them again. The faces of a frame that has any get their eyes read (EyeReader) before
// it is measured. A SamplingLedger keeps the point an interrupted pass could resume from, and
// a sampler can start from such a point (what a resumed pass has not held, extraction decodes).
import { DetectGate, type GateOptions } from '$lib/pipeline/detect-gate';
import { framesToHold, nextPruneAt } from '$lib/pipeline/held-frames';
import type { ModelInput } from '$lib/pipeline/blazeface';
import { plausibleFace } from '$lib/pipeline/face-check';
import { lumaGrid, type Picture } from '$lib/pipeline/picture';
import { SamplingLedger, type LedgerEntry } from '$lib/pipeline/sampling-ledger';
import type { SelectOptions } from '$lib/pipeline/select';
import type { ScoredFrame } from '$lib/pipeline/types';
import type { YuvFrame } from '$lib/pipeline/yuv-to-rgba';
import type { SamplingResume } from '$lib/workers/extractor-protocol';
import { measureFrame, prepareFrame, type FrameBuffers, type PreparedFrame } from './analyze-frame';
import { ArrayPool } from './array-pool';
import type { SampledPicture } from './decoders/frame-decoder';
import type { EyeReader } from './eye-reader';
import { previewJpeg } from './jpeg';
import type { Detection } from './face-detector.worker';

/**
 * Frames sent to the detector and not back yet, before the decoder is made to wait. Enough for
 * decoding to run ahead while the detector's models load at the start (with 8 it stood still
 * there); each costs its gray picture and detector input (~0.7 MB), its held picture counts
 * against HOLD_BUDGET_BYTES.
 */
const MAX_IN_FLIGHT = 24;
/** Full-size pictures held for extraction, at most (≈ 130 frames of 720p, 60 of 1080p). */
const HOLD_BUDGET_BYTES = 192 * 1024 * 1024;

export interface SamplerOptions {
	/** The picture's size in source pixels (faces come back in these). */
	source: { width: number; height: number };
	select: SelectOptions;
	/** Runners-up held beside the provisional selection. */
	spare: number;
	/** The side of the detector model's square input. */
	inputSize: number;
	/** Which frames the detector sees (DetectGate). */
	gate: GateOptions;
	detect(input: ModelInput, scale: number): Promise<Detection>;
	eyes: EyeReader;
}

export class FrameSampler {
	readonly candidates: ScoredFrame[];
	/** Full-size pictures by frame index. */
	readonly held = new Map<number, YuvFrame>();
	readonly counts: { sampled: number; detected: number };
	readonly timings = { convert: 0, detect: 0, measure: 0 };
	#options: SamplerOptions;
	#gate: DetectGate;
	#ledger: SamplingLedger<ScoredFrame>;
	#inFlight: Promise<void>[] = [];
	#heldBytes = 0;
	/** Held pictures at which to prune next (nextPruneAt). */
	#pruneAt = nextPruneAt(0);
	/**
	 * Buffers of let-go pictures, for the next ones; never more than were held at once (within
	 * the budget), so a pass allocates only its peak of held pictures.
	 */
	#holdBuffers = new ArrayPool<Uint8Array>((n) => new Uint8Array(n), Infinity);
	/** Gray and detector inputs of frames done with, for the next (one per frame in flight). */
	#buffers: FrameBuffers = {
		gray: new ArrayPool<Uint8ClampedArray>((n) => new Uint8ClampedArray(n), MAX_IN_FLIGHT + 2),
		tensor: new ArrayPool((n) => new Float32Array(n), MAX_IN_FLIGHT + 2)
	};
	#error: { cause: unknown } | null = null;

	/** `resume`: continue where an earlier pass got to, with its candidates. */
	constructor(options: SamplerOptions, resume: SamplingResume | null = null) {
		this.#options = options;
		this.candidates = resume ? [...resume.candidates] : [];
		this.counts = resume ? { ...resume.state.counts } : { sampled: 0, detected: 0 };
		this.#gate = new DetectGate(options.gate, resume?.state.gate);
		this.#ledger = new SamplingLedger(resume?.state);
	}

	/** Where the pass could resume from now, with the candidates new since the last call. */
	checkpoint(): LedgerEntry<ScoredFrame> | null {
		return this.#ledger.take();
	}

	readonly onSample = (frame: SampledPicture): void | Promise<void> => {
		if (this.#error) throw this.#error.cause;
		this.counts.sampled++;
		const detect = this.#gate.shouldDetect(frame.timeSec, lumaGrid(frame.picture));
		if (detect) this.counts.detected++;
		const { frameIndex, timeSec } = frame;
		const shot = this.#gate.shot;
		const state = {
			after: { frameIndex, timeSec },
			gate: this.#gate.state,
			counts: { ...this.counts }
		};
		this.#ledger.handled(state, detect);
		if (!detect) return;
		const started = performance.now();
		const prepared = prepareFrame(
			frame,
			this.#holdBuffer(frame.picture),
			this.#options.inputSize,
			this.#buffers
		);
		if (prepared.full) this.#heldBytes += prepared.full.data.byteLength;
		this.timings.convert += (performance.now() - started) / 1000;
		const scale = this.#options.source.width / prepared.detection.width;
		const settled = this.#options
			.detect(prepared.detection, scale)
			.then(async (detection) => {
				this.#buffers.tensor.give(detection.tensor);
				this.#ledger.settled(frameIndex, await this.#settle(prepared, detection, shot));
			})
			.catch((cause: unknown) => {
				this.#error ??= { cause };
				this.#release(prepared.full);
			})
			.finally(() => {
				const { data } = prepared.gray;
				if (data instanceof Uint8ClampedArray) this.#buffers.gray.give(data);
			});
		this.#inFlight.push(settled);
		if (this.#inFlight.length >= MAX_IN_FLIGHT) return this.#inFlight.shift();
	};

	/** Waits for the frames still at the detector; rethrows a detection failure. */
	async finish(): Promise<void> {
		await Promise.all(this.#inFlight.splice(0));
		if (this.#error) throw this.#error.cause;
	}

	/** A buffer to hold the picture in, when it is YUV and the budget allows; else null. */
	#holdBuffer(picture: Picture): Uint8Array | null {
		if (picture.kind !== 'yuv') return null;
		const bytes = picture.frame.data.byteLength;
		if (this.#heldBytes + bytes > HOLD_BUDGET_BYTES) return null;
		return this.#holdBuffers.take(bytes);
	}

	#release(full: YuvFrame | null | undefined) {
		if (!full) return;
		this.#heldBytes -= full.data.byteLength;
		this.#holdBuffers.give(full.data);
	}

	/** The candidate the detected frame makes, if it has faces. */
	async #settle(
		prepared: PreparedFrame,
		{ faces, seconds }: Detection,
		shot: number
	): Promise<ScoredFrame | null> {
		this.timings.detect += seconds;
		const scale = this.#options.source.width / prepared.gray.width;
		const checked = await this.#options.eyes.check(
			prepared.gray,
			faces.filter(plausibleFace),
			scale
		);
		const started = performance.now();
		const frame = measureFrame(prepared, checked, this.#options.source, shot);
		if (!frame) {
			this.#release(prepared.full);
			return null;
		}
		this.candidates.push(frame);
		if (prepared.full) {
			this.held.set(frame.frameIndex, prepared.full);
			if (this.held.size >= this.#pruneAt) this.#prune();
		}
		this.timings.measure += (performance.now() - started) / 1000;
		// Encoded off this thread, and kept with the candidate before its checkpoint can store it.
		const thumb = previewJpeg(prepared.preview);
		// A preview that cannot be made only leaves the frame without one.
		const preview = await thumb.catch(() => null);
		if (preview) frame.thumb = preview;
		return frame;
	}

	/** Lets go of the held pictures that are neither provisionally chosen nor runners-up. */
	#prune() {
		const keep = new Set(framesToHold(this.candidates, this.#options.select, this.#options.spare));
		for (const [index, full] of this.held) {
			if (keep.has(index)) continue;
			this.held.delete(index);
			this.#release(full);
		}
		this.#pruneAt = nextPruneAt(this.held.size);
	}
}
