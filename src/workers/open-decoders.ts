/// <reference lib="webworker" />
// Which decoder reads a video: WebCodecs when allowed and able, else ffmpeg.wasm, with ffmpeg.wasm
// kept as the fallback a WebCodecs run can switch to.
import type { ExtractRequest } from '$lib/workers/extractor-protocol';
import { streamRefusal } from '$lib/pipeline/probe-limits';
import { DecodeFailure, FfmpegDecoder } from './decoders/ffmpeg-decoder';
import type { FrameDecoder } from './decoders/frame-decoder';
import { WebCodecsDecoder } from './decoders/webcodecs-decoder';
import type { Fallback } from './decoders/with-fallback';
import type { ExtractorEnv } from './extraction-run';

export interface Decoders {
	primary: FrameDecoder;
	/** ffmpeg.wasm, opened on first need, when the primary is WebCodecs. */
	fallback: Fallback;
	/** Why the primary is not WebCodecs, when it is not. */
	note: string | null;
}

/** Before any frame is allocated: a stream too large or with no sensible length fails the video. */
function refuseUnreasonable(decoder: FrameDecoder): FrameDecoder {
	const refusal = streamRefusal(decoder.probe);
	if (refusal) throw new DecodeFailure(refusal, JSON.stringify(decoder.probe));
	return decoder;
}

/** WebCodecs when allowed and able, else ffmpeg.wasm. Every decoder opened lands in `opened`. */
export async function openDecoders(
	env: ExtractorEnv,
	req: Pick<ExtractRequest, 'file' | 'settings'>,
	opened: FrameDecoder[]
): Promise<Decoders> {
	const openFfmpeg = async () => {
		const decoder = FfmpegDecoder.open(await env.ffmpeg(), req.file, env.ffmpegHelper);
		opened.push(decoder);
		return refuseUnreasonable(decoder);
	};
	if (req.settings.decoder === 'ffmpeg') {
		return {
			primary: await openFfmpeg(),
			fallback: null,
			note: 'ffmpeg.wasm is chosen in Settings.'
		};
	}
	const webcodecs = await WebCodecsDecoder.open(req.file, env.sampler);
	if ('unsupported' in webcodecs) {
		return { primary: await openFfmpeg(), fallback: null, note: webcodecs.unsupported };
	}
	opened.push(webcodecs.decoder);
	refuseUnreasonable(webcodecs.decoder);
	let ffmpeg: Promise<FrameDecoder> | null = null;
	return { primary: webcodecs.decoder, fallback: () => (ffmpeg ??= openFfmpeg()), note: null };
}
