// A video file as mediabunny reads it for WebCodecs: in slices, never whole.
import { BlobSource, Input, MATROSKA, MP4, QTFF, WEBM } from 'mediabunny';

/** The containers the WebCodecs path reads (ffmpeg.wasm takes the rest). */
export function openInput(file: Blob): Input {
	return new Input({ formats: [MP4, QTFF, WEBM, MATROSKA], source: new BlobSource(file) });
}
