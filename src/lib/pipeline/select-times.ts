// An ffmpeg `select` expression that passes exactly the frames shown at given times: how the
// ffmpeg.wasm path samples once pictures are left undecoded, since ffmpeg's frame count `n` then
// no longer says where a frame is in the stream.

/**
 * Half the width of each time's window. A packet's time and its decoded frame's differ in the
 * last microseconds; frames lie milliseconds apart (see `selectable`).
 */
export const SELECT_SLACK_SEC = 0.0005;
/** The most times one expression lists: ffmpeg evaluates it for every decoded frame. */
export const MAX_SELECTED_TIMES = 512;

/** Whether frames `shortestGapSec` apart can be told apart by windows of SELECT_SLACK_SEC. */
export function selectable(times: readonly number[], shortestGapSec: number): boolean {
	return (
		times.length > 0 && times.length <= MAX_SELECTED_TIMES && shortestGapSec > 4 * SELECT_SLACK_SEC
	);
}

/**
 * `select='…'` passing the frames at `times`, a sum of `between` terms nested in halves (so that
 * ffmpeg's recursive evaluation goes log₂ deep, not one level per time).
 */
export function selectAtTimes(times: readonly number[]): string {
	const term = (t: number) =>
		`between(t\\,${(t - SELECT_SLACK_SEC).toFixed(6)}\\,${(t + SELECT_SLACK_SEC).toFixed(6)})`;
	const sum = (lo: number, hi: number): string => {
		if (hi - lo === 1) return term(times[lo]!);
		const mid = (lo + hi) >> 1;
		return `(${sum(lo, mid)}+${sum(mid, hi)})`;
	};
	return `select='${sum(0, times.length)}'`;
}
