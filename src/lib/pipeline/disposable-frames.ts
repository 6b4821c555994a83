// Which frames of a stream the sampling pass may leave undecoded: an H.264 picture whose slices
// all have nal_ref_idc 0 is referenced by no other picture, so dropping its packet changes
// nothing that is decoded after it (what ffmpeg's `-skip_frame noref` does). In a stream with
// B-frames about half the pictures are such; only those that are not sampled are dropped.

/** Bytes of each NAL unit's length prefix, from an avcC record (ISO/IEC 14496-15 §5.3.3.1). */
export function avcLengthSize(avcC: Uint8Array | null): number {
	return avcC && avcC.length > 4 ? (avcC[4]! & 0b11) + 1 : 4;
}

/**
 * Whether a length-prefixed H.264 access unit is a non-reference picture: it holds at least one
 * slice (NAL types 1–5) and every slice has nal_ref_idc 0. Anything unreadable counts as a
 * reference (kept), so a damaged packet is never the reason a frame goes missing.
 */
export function isDisposableAvcPicture(data: Uint8Array, lengthSize: number): boolean {
	let slices = 0;
	let at = 0;
	while (at + lengthSize < data.length) {
		let length = 0;
		for (let i = 0; i < lengthSize; i++) length = length * 256 + data[at + i]!;
		const header = data[at + lengthSize]!;
		const type = header & 0x1f;
		if (type >= 1 && type <= 5) {
			if (header >> 5 !== 0) return false;
			slices++;
		}
		at += lengthSize + length;
	}
	return slices > 0 && at === data.length;
}
