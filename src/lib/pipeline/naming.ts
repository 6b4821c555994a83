import { formatTimestampForFile } from './time-format';

const MAX_NAME_LENGTH = 120;
/** An extension longer than this is treated as part of the name when capping the length. */
const MAX_KEPT_EXTENSION = 16;

// Path separators, characters Windows forbids, C0/C1 control characters.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARS = /[/\\<>:"|?*\u0000-\u001f\u007f-\u009f]/g;
/** Device names Windows reserves even with an extension (`CON.mp4`). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

const trimDotsAndSpaces = (s: string) => s.replace(/^[\s.]+|[\s.]+$/g, '');

/** Cuts to at most `max` UTF-16 units without leaving half a surrogate pair. */
function truncate(s: string, max: number): string {
	if (s.length <= max) return s;
	const code = s.charCodeAt(max - 1);
	return s.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/**
 * A file name safe on every common file system and inside ZIPs: keeps Unicode, removes path
 * separators, control and Windows-illegal characters, trims dots/spaces at the ends, caps the
 * length (keeping a short extension) and never returns an empty name.
 */
export function sanitizeFileName(name: string): string {
	let clean = trimDotsAndSpaces(name.replace(UNSAFE_CHARS, ''));
	if (clean.length > MAX_NAME_LENGTH) {
		const stem = fileStem(clean);
		const ext = clean.slice(stem.length);
		clean =
			ext.length > 0 && ext.length <= MAX_KEPT_EXTENSION
				? trimDotsAndSpaces(truncate(stem, MAX_NAME_LENGTH - ext.length)) + ext
				: trimDotsAndSpaces(truncate(clean, MAX_NAME_LENGTH));
	}
	if (WINDOWS_RESERVED.test(clean)) clean = truncate(`_${clean}`, MAX_NAME_LENGTH);
	return clean || 'video';
}

/** The name without its last extension; a leading dot (`.hidden`) is not an extension. */
export function fileStem(name: string): string {
	const dot = name.lastIndexOf('.');
	return dot > 0 ? name.slice(0, dot) : name;
}

/** `<stem>_<hh-mm-ss.mmm>_f<frameIndex>.jpg`, as the ZIP contract names keyframe images. */
export function keyframeFileName(videoName: string, timeSec: number, frameIndex: number): string {
	const stem = sanitizeFileName(fileStem(sanitizeFileName(videoName)));
	return `${stem}_${formatTimestampForFile(timeSec)}_f${frameIndex}.jpg`;
}

/** `<video name>_keyframes.zip`, as the ZIP contract names an export. */
export function zipFileName(videoName: string): string {
	return `${sanitizeFileName(videoName)}_keyframes.zip`;
}
