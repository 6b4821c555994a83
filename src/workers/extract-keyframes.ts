/// <reference lib="webworker" />
// The extraction pass: the chosen frames at full size (mostly held from sampling, the rest
// decoded again in one pass), as JPEGs and thumbnails, and the video's thumbnail from the best;
// People embeds their faces on the way.
import { scoredFace } from '$lib/pipeline/score';
import type { ScoredFrame } from '$lib/pipeline/types';
import type { YuvFrame } from '$lib/pipeline/yuv-to-rgba';
import type { ExtractedKeyframe } from '$lib/workers/extractor-protocol';
import type { FrameDecoder } from './decoders/frame-decoder';
import { fullFramesWithFallback } from './decoders/with-fallback';
import { chosenCanvases } from './extract-frames';
import { thumbnailJpeg, toJpeg, videoThumbnailJpeg } from './jpeg';
import type { ExtractionRun } from './extraction-run';
import type { PeopleRun } from './people-run';

/** Where the chosen frames come from: pictures held from sampling, else `decoder` again. */
export interface FrameSource {
	held: ReadonlyMap<number, YuvFrame>;
	decoder: FrameDecoder;
}

/** The frames at full size, in time order (held ones as they are, the rest decoded again). */
export function fullSizeFrames(
	frames: readonly ScoredFrame[],
	{ held, decoder }: FrameSource,
	{ primary, switchToFallback, notes }: ExtractionRun
): AsyncGenerator<OffscreenCanvas> {
	const decodeAgain = (times: readonly number[]) =>
		fullFramesWithFallback(
			decoder,
			decoder === primary ? switchToFallback : null,
			times,
			(reason) => notes.push(reason)
		);
	return chosenCanvases(frames, held, decodeAgain);
}

export async function extractKeyframes(
	chosen: readonly ScoredFrame[],
	source: FrameSource,
	run: ExtractionRun,
	people: PeopleRun | null
): Promise<{ keyframes: ExtractedKeyframe[]; thumbnail: Blob | null }> {
	const { progress } = run;
	const keyframes: ExtractedKeyframe[] = [];
	let thumbnail: Blob | null = null;
	const best = chosen.reduce<ScoredFrame | null>((b, c) => (!b || c.score > b.score ? c : b), null);
	let i = 0;
	for await (const canvas of fullSizeFrames(chosen, source, run)) {
		const frame = chosen[i];
		progress.report('extracting', i / chosen.length, i, chosen.length);
		// The encoders take their copy of the canvas at once and run off this thread: the faces
		// are embedded meanwhile.
		const encoded = Promise.all([toJpeg(canvas), thumbnailJpeg(canvas)]);
		await people?.embed(frame.frameIndex, canvas, frame.faces);
		const [image, thumb] = await encoded;
		if (frame === best) {
			thumbnail = await videoThumbnailJpeg(canvas, scoredFace(frame, canvas.width, canvas.height));
		}
		keyframes.push({
			frameIndex: frame.frameIndex,
			timeSec: frame.timeSec,
			score: frame.score,
			sharpness: frame.sharpness,
			faces: frame.faces,
			subject: frame.subject,
			width: canvas.width,
			height: canvas.height,
			image,
			thumb
		});
		i++;
	}
	return { keyframes, thumbnail };
}
