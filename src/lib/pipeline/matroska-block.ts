// Where a Matroska (or WebM) packet's coded bytes begin. ffprobe places such a packet at its block:
// a track number (an EBML variable-size integer), a 16-bit timecode and a flags byte come before
// the frame, which MP4's and QuickTime's packets begin with.

/** The longest block header: an 8-byte track number, the timecode and the flags. */
export const MAX_BLOCK_HEADER = 11;

/**
 * The offset of the frame in a block whose first bytes are `head`; null when the block is laced
 * (several frames, with their sizes between them) or its track number is not one.
 */
export function blockFrameOffset(head: Uint8Array): number | null {
	const first = head[0];
	if (!first) return null;
	// The track number's length is one more than its first byte's leading zeros (1–8).
	const trackLength = Math.clz32(first) - 23;
	const flags = head[trackLength + 2];
	if (flags === undefined || (flags & 0b110) !== 0) return null;
	return trackLength + 3;
}
