// What crosses between the extractor and its sampling thread (webcodecs-sampler.worker.ts): one
// request per pass, then frames one way and acknowledgements the other on the pass's own port.
import type { SamplingEnd, SamplingJob, SamplingStats } from './webcodecs-sampling';

/**
 * Sampled frames the thread may have sent and not had acknowledged (a frame is acknowledged once
 * the extractor's consumer is done with it, its backpressure included): enough that decoding
 * goes on while the extractor prepares a frame, few enough that the decoder's pictures stay few
 * (each is a full-size frame).
 */
export const FRAMES_AHEAD = 6;

export interface SamplingRequest {
	file: Blob;
	job: SamplingJob;
	/** The pass's port (transferred): SamplerMessage out, ReceiverMessage in. */
	port: MessagePort;
}

export interface SampledVideoFrame {
	kind: 'frame';
	frameIndex: number;
	timeSec: number;
	durationSec: number;
	rotation: 0 | 90 | 180 | 270;
	flip: boolean;
	/** Transferred: the receiver closes it. */
	frame: VideoFrame;
	stats: SamplingStats;
}

export type SamplerMessage =
	| SampledVideoFrame
	| { kind: 'end'; result: SamplingEnd }
	/** The pass broke (after the frames sent before), or was stopped. */
	| { kind: 'error'; error: ThrownError };

/** An error as it crosses: its name (EncodingError, …) and message as thrown, for the notes. */
export interface ThrownError {
	name: string;
	message: string;
	stack?: string;
}

/** `ack`: a frame was taken (the thread may send one more); `stop`: end the pass now. */
export type ReceiverMessage = { kind: 'ack' } | { kind: 'stop' };
