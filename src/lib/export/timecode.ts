// SMPTE timecode for editor markers: a video's frame rate decides the timecode base (its rate
// rounded) and drop-frame counting (29.97 and 59.94 fps: frame numbers 0–1 (or 0–3) are skipped
// at every minute but each tenth, so the timecode keeps to the clock). Other NTSC rates (23.976)
// have no drop-frame form and count non-drop like every whole rate. Plain data in and out.

export interface TimecodeRate {
	/** Frames per second of the video itself (e.g. 29.97002997). */
	fps: number;
	/** Frames per timecode second (e.g. 30). */
	base: number;
	/** A whole rate × 1000/1001 (23.976, 29.97, 59.94…). */
	ntsc: boolean;
	dropFrame: boolean;
}

/** Used when a video's rate is unknown (never probed): PAL's rate, as good a guess as any. */
export const FALLBACK_FPS = 25;

/** How far a probed rate may be from the exact one (probes round 30000/1001 as 29.97). */
const RATE_TOLERANCE = 0.0002;

export function timecodeRate(fps: number | null): TimecodeRate {
	const probed = fps && Number.isFinite(fps) && fps > 0 ? fps : FALLBACK_FPS;
	const base = Math.max(1, Math.round(probed));
	const near = (exact: number) => Math.abs(probed - exact) < RATE_TOLERANCE * base;
	// NTSC rates are a whole rate × 1000/1001.
	const ntsc = !near(base) && near((base * 1000) / 1001);
	const rate = near(base) ? base : ntsc ? (base * 1000) / 1001 : probed;
	return { fps: rate, base, ntsc, dropFrame: ntsc && base % 30 === 0 };
}

/** The frame shown at `timeSec` (its start), counted from the video's first frame. */
export function frameAt(timeSec: number, rate: TimecodeRate): number {
	return Number.isFinite(timeSec) && timeSec > 0 ? Math.round(timeSec * rate.fps) : 0;
}

/** Frames skipped at each minute but each tenth: 2 at 29.97, 4 at 59.94. */
const droppedPerMinute = (rate: TimecodeRate) => (rate.dropFrame ? (rate.base / 30) * 2 : 0);

const pad = (n: number) => String(n).padStart(2, '0');

/** `hh:mm:ss:ff`, or `hh:mm:ss;ff` in drop-frame. */
export function framesToTimecode(frames: number, rate: TimecodeRate): string {
	let f = Math.max(0, Math.round(frames));
	const drop = droppedPerMinute(rate);
	if (drop) {
		const perMinute = rate.base * 60 - drop;
		const perTenMinutes = rate.base * 600 - drop * 9;
		const tens = Math.floor(f / perTenMinutes);
		const rest = f % perTenMinutes;
		f += drop * 9 * tens + (rest > drop ? drop * Math.floor((rest - drop) / perMinute) : 0);
	}
	const ff = f % rate.base;
	const seconds = Math.floor(f / rate.base);
	const separator = rate.dropFrame ? ';' : ':';
	return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}${separator}${pad(ff)}`;
}

/** The frame count a timecode names; the inverse of `framesToTimecode`. */
export function timecodeToFrames(timecode: string, rate: TimecodeRate): number {
	const match = /^(\d{2,}):(\d{2}):(\d{2})[:;.](\d{2})$/.exec(timecode.trim());
	if (!match) throw new Error(`not a timecode: ${timecode}`);
	const [hh, mm, ss, ff] = match.slice(1).map(Number);
	const minutes = hh * 60 + mm;
	const nominal = (minutes * 60 + ss) * rate.base + ff;
	return nominal - droppedPerMinute(rate) * (minutes - Math.floor(minutes / 10));
}

/** The timecode of the frame at `timeSec`. */
export function timecodeAt(timeSec: number, rate: TimecodeRate): string {
	return framesToTimecode(frameAt(timeSec, rate), rate);
}
