// The sampling thread's side of a pass (webcodecs-sampler.worker.ts): runs the pass, sends each
// sampled frame (transferred) on the pass's port and waits once FRAMES_AHEAD are not yet
// acknowledged; a stop ends the pass at its next sampled frame. Ends with one last word, `end`
// or `error`, and every frame it made is sent or closed.
import type { VideoSample } from 'mediabunny';
import {
	FRAMES_AHEAD,
	type ReceiverMessage,
	type SamplerMessage,
	type SamplingRequest,
	type ThrownError
} from './sampling-protocol';
import type { OnSampledFrame, SamplingEnd, SamplingJob } from './webcodecs-sampling';

/** Runs a pass over `file`, calling `onFrame` for every sampled frame. */
export type PassRunner = (
	file: Blob,
	job: SamplingJob,
	onFrame: OnSampledFrame
) => Promise<SamplingEnd>;

class Stopped extends Error {}

/** What crosses for an error: a plain object keeps its name (an Error would arrive as one). */
function thrown(error: unknown): ThrownError {
	return error instanceof Error
		? { name: error.name, message: error.message, stack: error.stack }
		: { name: 'Error', message: String(error) };
}

/** A frame's own VideoFrame, taken out of its sample (the frame outlives the sample). */
type ToFrame = (sample: VideoSample) => VideoFrame;

export async function servePass(
	{ file, job, port }: SamplingRequest,
	runPass: PassRunner,
	toFrame: ToFrame = (sample) => sample.toVideoFrame()
): Promise<void> {
	const post = (message: SamplerMessage, transfer: Transferable[] = []) =>
		port.postMessage(message, transfer);
	let unacked = 0;
	let stopped = false;
	let wake: (() => void) | null = null;
	port.onmessage = ({ data }: MessageEvent<ReceiverMessage>) => {
		if (data.kind === 'ack') unacked--;
		else stopped = true;
		wake?.();
		wake = null;
	};
	try {
		const result = await runPass(file, job, async (frameIndex, sample, stats) => {
			try {
				while (unacked >= FRAMES_AHEAD && !stopped) await new Promise<void>((r) => (wake = r));
				if (stopped) throw new Stopped();
				const frame = toFrame(sample);
				const { timestamp: timeSec, duration: durationSec, rotation, flip } = sample;
				const message: SamplerMessage = {
					kind: 'frame',
					frameIndex,
					timeSec,
					durationSec,
					rotation,
					flip,
					frame,
					stats
				};
				try {
					post(message, [frame]);
				} catch (error) {
					frame.close();
					throw error;
				}
				unacked++;
			} finally {
				sample.close();
			}
		});
		post({ kind: 'end', result });
	} catch (error) {
		post({
			kind: 'error',
			error: stopped ? { name: 'Stopped', message: 'stopped' } : thrown(error)
		});
	}
}
