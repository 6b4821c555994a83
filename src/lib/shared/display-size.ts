// A video's size as people see it: the stored width and height are the coded picture's, and a
// phone's portrait clip is coded landscape with a rotation of ±90° (its frames, keyframes and
// JPEGs are upright). Metadata, the video header and the batch page all show this size.

export interface CodedSize {
	width: number | null;
	height: number | null;
	/** Degrees clockwise, as probed (0, ±90, 180, 270…); null before probing. */
	rotation: number | null;
}

/** Width and height swapped for a quarter turn; unknown sizes stay null. */
export function displaySize(video: CodedSize): { width: number | null; height: number | null } {
	const quarterTurn = Math.abs(video.rotation ?? 0) % 180 === 90;
	return quarterTurn
		? { width: video.height, height: video.width }
		: { width: video.width, height: video.height };
}

/** `width×height` as shown, or null while the size is unknown. */
export function displayResolution(video: CodedSize): string | null {
	const { width, height } = displaySize(video);
	return width && height ? `${width}×${height}` : null;
}
