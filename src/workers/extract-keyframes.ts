/// <reference lib="webworker" />
// The extraction pass: the chosen frames at full size (mostly held from sampling, the rest
// decoded again in one pass), as JPEGs and thumbnails, and the video's thumbnail from the best;
// People embeds their faces on the way.
import { scoredFace } from '$lib/pipeline/score';
import type { FaceBox, ScoredFrame } from '$lib/pipeline/types';
import type { YuvFrame } from '$lib/pipeline/yuv-to-rgba';
import type { ExtractedKeyframe } from '$lib/workers/extractor-protocol';
import type { FrameDecoder } from './decoders/frame-decoder';
import { fullFramesWithFallback } from './decoders/with-fallback';
import { chosenCanvases } from './extract-frames';
import type { ExtractionRun } from './extraction-run';
import { keyframeJpegs, type KeyframeJpegs } from './keyframe-jpegs';
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

/**
 * Makes a held frame's JPEGs on another thread (the detector's); the picture is handed over
 * (its buffer transferred): the pass is done with it.
 */
export type HeldEncoder = (
	frame: YuvFrame,
	cover: FaceBox | undefined | false
) => Promise<KeyframeJpegs>;

interface Encoded {
	width: number;
	height: number;
	jpegs: KeyframeJpegs;
}

/**
 * `helper`: every other held frame is encoded there meanwhile, so the two cores share the run's
 * last stage (the extractor alone took ~0.6 s of a 6 s run for 9 keyframes). Not with People,
 * which reads every canvas on this thread.
 */
export async function extractKeyframes(
	chosen: readonly ScoredFrame[],
	source: FrameSource,
	run: ExtractionRun,
	people: PeopleRun | null,
	helper: HeldEncoder | null = null
): Promise<{ keyframes: ExtractedKeyframe[]; thumbnail: Blob | null }> {
	const { progress } = run;
	const best = chosen.reduce<ScoredFrame | null>((b, c) => (!b || c.score > b.score ? c : b), null);
	const coverOf = (frame: ScoredFrame, width: number, height: number) =>
		frame === best && scoredFace(frame, width, height);
	const handedOver = new Map<number, Promise<Encoded>>();
	if (helper && !people) {
		const held = chosen.filter((c) => source.held.has(c.frameIndex));
		for (const frame of held.filter((_, i) => i % 2 === 1)) {
			const picture = source.held.get(frame.frameIndex)!;
			const { width, height } = picture;
			const done = helper(picture, coverOf(frame, width, height)).then((jpegs) => ({
				width,
				height,
				jpegs
			}));
			// Awaited below; a failure here while this thread has failed already is not news.
			done.catch(() => undefined);
			handedOver.set(frame.frameIndex, done);
		}
	}
	const here = chosen.filter((c) => !handedOver.has(c.frameIndex));
	const encoded = new Map<number, Encoded>();
	for await (const canvas of fullSizeFrames(here, source, run)) {
		const frame = here[encoded.size];
		progress.report('extracting', encoded.size / chosen.length, encoded.size, chosen.length);
		const { width, height } = canvas;
		const jpegs = keyframeJpegs(canvas, coverOf(frame, width, height));
		// The encoders run off this thread: the faces are embedded meanwhile.
		await people?.embed(frame.frameIndex, canvas, frame.faces);
		encoded.set(frame.frameIndex, { width, height, jpegs: await jpegs });
	}
	for (const [frameIndex, done] of handedOver) encoded.set(frameIndex, await done);
	const keyframes = chosen.map((frame): ExtractedKeyframe => {
		const { width, height, jpegs } = encoded.get(frame.frameIndex)!;
		return {
			frameIndex: frame.frameIndex,
			timeSec: frame.timeSec,
			score: frame.score,
			sharpness: frame.sharpness,
			faces: frame.faces,
			subject: frame.subject,
			width,
			height,
			image: jpegs.image,
			thumb: jpegs.thumb
		};
	});
	const thumbnail = best ? (encoded.get(best.frameIndex)!.jpegs.cover ?? null) : null;
	return { keyframes, thumbnail };
}
