// The decoders that can read a video's frames, as stored on its row and shown in the UI.

/** Which decoder read a video's frames. */
export type DecoderName = 'webcodecs' | 'ffmpeg.wasm';

export const DECODER_LABELS: Readonly<Record<DecoderName, string>> = {
	webcodecs: 'WebCodecs',
	'ffmpeg.wasm': 'ffmpeg.wasm'
};
