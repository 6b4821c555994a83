import { errorText } from '$lib/pipeline/failure-message';

/** The error with its stack, for the details view. */
export function describeError(error: unknown): string {
	return error instanceof Error ? `${errorText(error)}\n${error.stack ?? ''}` : errorText(error);
}
