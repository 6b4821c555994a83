// The WebCodecs sampling pass over one track: mediabunny demuxes, the browser's VideoDecoder
// decodes, and every `sampleRate`-th frame is handed on; the rest are closed at once. Runs on the
// sampling thread (webcodecs-sampler.worker.ts), whose only job it is.
import {
	EncodedPacketSink,
	VideoSampleSink,
	type InputVideoTrack,
	type VideoSinkDecoderOptions,
	type VideoSample
} from 'mediabunny';
import { isDisposableAvcPicture } from '$lib/pipeline/disposable-frames';
import { FrameGrid } from '$lib/pipeline/frame-grid';
import type { SamplePosition } from '$lib/pipeline/sampling-ledger';
import { SkippingSampleSink } from './skipping-sample-sink';

/**
 * In Chromium, `optimizeForLatency` has its software decoder decode a stream on one thread
 * instead of several frames at once: 20% less CPU for the same frames (1439 frames of
 * bench_60s_720p.mp4: 2.5 instead of 3.2 CPU-s), which the detector on the other core needs more
 * than decoding needs the speed. Only there, where it was measured: Firefox asks FFmpeg for low
 * delay instead, which may hand B-frames out in decoding order. No word boundary before
 * "Chrome/": headless Chromium, which the tests and the bench drive, says "HeadlessChrome/".
 */
export function samplingDecoder(userAgent: string): VideoSinkDecoderOptions {
	return /Chrome\//.test(userAgent) ? { optimizeForLatency: true } : {};
}

export interface SamplingJob {
	sampleRate: number;
	/** A sampled frame to start at (handed over again), as SampleOptions.from. */
	from: SamplePosition | null;
	/** Without `from`: where the chosen time range starts (SampleOptions.startSec). */
	startSec?: number;
	/**
	 * The NAL length prefix of an H.264 track whose container indexes every frame (MP4, MOV):
	 * then the non-reference pictures that are not sampled are left undecoded. Null otherwise.
	 */
	avcLengthSize: number | null;
}

/** How the pass went so far: known with every frame, as a consumer may end the pass at any. */
export interface SamplingStats {
	/** Pictures left undecoded. */
	skipped: number;
	/** Where a time range let decoding start, when it did. */
	seekedTo: number | null;
}

export interface SamplingEnd extends SamplingStats {
	/** Where the last decoded frame ends, in seconds. */
	end: number;
}

/** A sampled frame; `sample` is the receiver's to close. */
export type OnSampledFrame = (
	frameIndex: number,
	sample: VideoSample,
	stats: SamplingStats
) => Promise<void>;

export async function sampleTrack(
	track: InputVideoTrack,
	{ sampleRate, from, startSec, avcLengthSize }: SamplingJob,
	onFrame: OnSampledFrame
): Promise<SamplingEnd> {
	const skipping = avcLengthSize !== null;
	const rangeStart = from ? 0 : (startSec ?? 0);
	const ranged = rangeStart > 0;
	const stats: SamplingStats = { skipped: 0, seekedTo: null };
	// The packets' times place every frame: read from an MP4's index up front, or (WebM, MKV)
	// by one pass over the file's packets, worth it only to start a time range where it starts.
	const grid = skipping || ranged ? await frameGrid(track) : null;
	const decoder = samplingDecoder(navigator.userAgent);
	const sink =
		grid && skipping
			? new SkippingSampleSink(track, decoder, (packet) => {
					const keep =
						packet.type === 'key' ||
						grid.isSampled(packet.timestamp, sampleRate) ||
						!isDisposableAvcPicture(packet.data, avcLengthSize);
					if (!keep) stats.skipped++;
					return keep;
				})
			: new VideoSampleSink(track, decoder);
	const seek = ranged && grid ? grid.firstSampledFrom(rangeStart, sampleRate) : null;
	stats.seekedTo = seek?.timeSec ?? null;
	const start = from ?? seek;
	let frameIndex = start?.frameIndex ?? 0;
	let decoded = 0;
	let end = 0;
	// From `start`: mediabunny decodes from the key packet before it and yields first the frame
	// at that time (the last one starting at or before it).
	for await (const sample of sink.samples(start?.timeSec)) {
		if (start && decoded === 0 && sample.timestamp !== start.timeSec) {
			sample.close();
			throw new Error(`WebCodecs found no frame at ${start.timeSec} s to start from.`);
		}
		// Counted where every frame is decoded; placed by time where some are left out.
		if (grid) frameIndex = grid.indexOf(sample.timestamp) ?? frameIndex;
		end = sample.timestamp + sample.duration;
		if (frameIndex % sampleRate === 0) await onFrame(frameIndex, sample, { ...stats });
		else sample.close();
		frameIndex++;
		decoded++;
	}
	if (decoded === 0) throw new Error('WebCodecs decoded no frame.');
	return { ...stats, end };
}

/** Every frame's place in presentation order, from the container's index. */
async function frameGrid(track: InputVideoTrack): Promise<FrameGrid> {
	const times: number[] = [];
	const index = new EncodedPacketSink(track);
	for await (const packet of index.packets(undefined, undefined, { metadataOnly: true }))
		times.push(packet.timestamp);
	return new FrameGrid(times);
}
