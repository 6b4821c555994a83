/// <reference lib="webworker" />
// Frames of a finished video at full size, decoded again: those a tuned selection chose that its
// run never extracted. The same decoders and extraction pass as a run, without sampling.
import type { ExtractedKeyframe, ExtractFramesRequest } from '$lib/workers/extractor-protocol';
import type { FrameDecoder } from './decoders/frame-decoder';
import { extractKeyframes } from './extract-keyframes';
import type { ExtractionRun, ExtractorEnv } from './extraction-run';
import { openDecoders } from './open-decoders';
import { ProgressReporter } from './progress-reporter';
import { StageTimer } from './stage-timer';

export async function extractAgain(
	env: ExtractorEnv,
	req: ExtractFramesRequest
): Promise<ExtractedKeyframe[]> {
	const opened: FrameDecoder[] = [];
	try {
		const decoders = await openDecoders(env, req, opened);
		const run: ExtractionRun = {
			primary: decoders.primary,
			switchToFallback: decoders.fallback,
			// Nobody watches: the review shows each frame as it is stored.
			progress: new ProgressReporter(() => {}),
			checkpoint: () => {},
			timer: new StageTimer(),
			notes: []
		};
		const source = { held: new Map(), decoder: decoders.primary };
		// Faces of frames tuned in are embedded once stored, like any late keyframe (batch/embed-faces.ts).
		return (await extractKeyframes(req.frames, source, run, null)).keyframes;
	} finally {
		for (const decoder of opened) decoder.close();
	}
}
