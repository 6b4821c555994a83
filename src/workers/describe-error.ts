import { errorText, explainFailure } from '$lib/pipeline/failure-message';
import type { Notice } from '$lib/pipeline/notice';
import { DecodeFailure } from './decoders/ffmpeg-decoder';
import type { FrameDecoder } from './decoders/frame-decoder';

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
	const text = describeError(error);
	const details = lastDecoder?.details() ?? '';
	return { ok: false, notice: explainFailure(text), details: `${text}\n\n${details}` };
}
