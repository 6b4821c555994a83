import { errorText, explainFailure } from '$lib/pipeline/failure-message';
import type { Notice } from '$lib/pipeline/notice';
import { DecodeFailure } from './decoders/ffmpeg-decoder';
import type { FrameDecoder } from './decoders/frame-decoder';
import { DetectorFailure } from './detector-client';

/** The error with its stack, for the details view. */
export function describeError(error: unknown): string {
	return error instanceof Error ? `${errorText(error)}\n${error.stack ?? ''}` : errorText(error);
}

/** A job's failure for people (the notice) and for the details view (the last decoder's log). */
export function failureOf(
	error: unknown,
	lastDecoder: FrameDecoder | null
): { ok: false; notice: Notice; details: string } {
	if (error instanceof DecodeFailure)
		return { ok: false, notice: error.notice, details: error.details };
	// Not the video's fault, whatever decoded it: no decoder's log.
	if (error instanceof DetectorFailure)
		return { ok: false, notice: { code: 'detector-failed' }, details: describeError(error.cause) };
	// Explained by what it says, not by its stack (whose function names may say "timeout").
	const details = lastDecoder?.details() ?? '';
	return {
		ok: false,
		notice: explainFailure(errorText(error)),
		details: `${describeError(error)}\n\n${details}`
	};
}
