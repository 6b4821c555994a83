const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Negative, NaN and infinite inputs read as 0 so a bad probe never shows garbage. */
function safeSeconds(sec: number): number {
	return Number.isFinite(sec) && sec > 0 ? sec : 0;
}

/** `hh:mm:ss.mmm`; rounds to whole milliseconds first so 59.9996 s becomes `00:01:00.000`, never `.1000`. */
export function formatTimestamp(sec: number): string {
	const totalMs = Math.round(safeSeconds(sec) * 1000);
	const ms = totalMs % 1000;
	const totalSec = (totalMs - ms) / 1000;
	const h = Math.floor(totalSec / 3600);
	const m = Math.floor(totalSec / 60) % 60;
	const s = totalSec % 60;
	return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms, 3)}`;
}

/** `hh-mm-ss.mmm`: the timestamp without colons, which Windows forbids in file names. */
export function formatTimestampForFile(sec: number): string {
	return formatTimestamp(sec).replaceAll(':', '-');
}

/** Short clock form for the UI: `0:07`, `12:34`, `1:02:05` (rounded to the second). */
export function formatDuration(sec: number): string {
	const total = Math.round(safeSeconds(sec));
	const h = Math.floor(total / 3600);
	const m = Math.floor(total / 60) % 60;
	const s = total % 60;
	return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}
