/// <reference lib="webworker" />
// The WebCodecs sampling pass on a thread of its own, started by each extractor worker. The
// browser's VideoDecoder makes progress only while the thread that feeds it is free: fed from the
// extractor, which prepares every sampled frame, decoding and that work took turns (with 7 ms of
// work per sampled frame, decoding the bench video took 4.1 s on one thread, 2.8 s on two).
import { openInput } from './decoders/webcodecs-input';
import { sampleTrack } from './decoders/webcodecs-sampling';
import { servePass, type PassRunner } from './decoders/sampling-server';
import type { SamplingRequest } from './decoders/sampling-protocol';
import { restrictFetchToOwnOrigin } from './same-origin-fetch';

restrictFetchToOwnOrigin();

const overTheFile: PassRunner = async (file, job, onFrame) => {
	const input = openInput(file);
	try {
		const track = await input.getPrimaryVideoTrack();
		if (!track) throw new Error('no video track');
		return await sampleTrack(track, job, onFrame);
	} finally {
		input.dispose();
	}
};

self.onmessage = ({ data }: MessageEvent<SamplingRequest>) => void servePass(data, overTheFile);
