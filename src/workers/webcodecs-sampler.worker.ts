/// <reference lib="webworker" />
// The WebCodecs sampling pass on a thread of its own, started by each extractor worker. The
// browser's VideoDecoder makes progress only while the thread that feeds it is free: fed from the
// extractor, which prepares every sampled frame, decoding and that work took turns (with 7 ms of
// work per sampled frame, decoding the bench video took 4.1 s on one thread, 2.8 s on two).
import { errorText } from '$lib/pipeline/failure-message';
import { openInput } from './decoders/webcodecs-input';
import { sampleTrack } from './decoders/webcodecs-sampling';
import {
	FRAMES_AHEAD,
	type ReceiverMessage,
	type SamplerMessage,
	type SamplingRequest
} from './decoders/sampling-protocol';

class Stopped extends Error {}

self.onmessage = ({ data }: MessageEvent<SamplingRequest>) => void run(data);

async function run({ file, job, port }: SamplingRequest): Promise<void> {
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
	const input = openInput(file);
	try {
		const track = await input.getPrimaryVideoTrack();
		if (!track) throw new Error('no video track');
		const result = await sampleTrack(track, job, async (frameIndex, sample, stats) => {
			while (unacked >= FRAMES_AHEAD && !stopped) await new Promise<void>((r) => (wake = r));
			if (stopped) {
				sample.close();
				throw new Stopped();
			}
			const frame = sample.toVideoFrame();
			const { timestamp: timeSec, duration: durationSec, rotation, flip } = sample;
			sample.close();
			unacked++;
			post({ kind: 'frame', frameIndex, timeSec, durationSec, rotation, flip, frame, stats }, [
				frame
			]);
		});
		post({ kind: 'end', result });
	} catch (error) {
		post({ kind: 'error', message: error instanceof Stopped ? 'stopped' : errorText(error) });
	} finally {
		input.dispose();
	}
}
