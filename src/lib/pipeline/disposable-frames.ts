// Which frames of a stream the sampling pass may leave undecoded: a picture that no other
// picture refers to (H.264: every slice has nal_ref_idc 0; HEVC: every slice is a sub-layer
// non-reference picture of the highest sub-layer) changes nothing that is decoded after it when
// it is dropped (what ffmpeg's `-skip_frame noref` does). In a stream with B-frames about half
// the pictures are such; only those that are not sampled are dropped.

export type NalCodec = 'h264' | 'hevc';

/** Bytes of each NAL unit's length prefix, from an avcC record (ISO/IEC 14496-15 §5.3.3.1). */
export function avcLengthSize(avcC: Uint8Array | null): number {
	return avcC && avcC.length > 4 ? (avcC[4]! & 0b11) + 1 : 4;
}

/**
 * The length prefix of a stream's NAL units from its decoder configuration (avcC, or hvcC whose
 * lengthSizeMinusOne is in byte 21: ISO/IEC 14496-15 §8.3.3.1); null when the configuration is
 * no such record (Annex B start codes, as in AVI or MPEG-TS), so the packets are not walked.
 */
export function nalLengthSize(codec: NalCodec, config: Uint8Array | null): number | null {
	if (!config || config[0] !== 1) return null;
	if (codec === 'h264') return config.length > 4 ? avcLengthSize(config) : null;
	return config.length > 22 ? (config[21]! & 0b11) + 1 : null;
}

/** A picture's slices, as its length-prefixed NAL units declare them. */
export interface PictureSlices {
	/** Where each slice NAL unit's (first) header byte is in the access unit. */
	headers: number[];
	/** No slice is one later pictures of its (sub-)layer refer to. */
	nonReference: boolean;
	/** HEVC: the highest TemporalId among its slices; 0 in H.264. */
	temporalId: number;
}

/**
 * The slices of a length-prefixed access unit, or null when it holds none or its NAL units do not
 * end exactly where it ends: anything unreadable counts as a reference (kept), so a damaged
 * packet is never the reason a frame goes missing.
 */
export function pictureSlices(
	data: Uint8Array,
	lengthSize: number,
	codec: NalCodec
): PictureSlices | null {
	const headers: number[] = [];
	let nonReference = true;
	let temporalId = 0;
	let at = 0;
	while (at + lengthSize < data.length) {
		let length = 0;
		for (let i = 0; i < lengthSize; i++) length = length * 256 + data[at + i]!;
		const header = at + lengthSize;
		const byte = data[header]!;
		if (codec === 'h264') {
			const type = byte & 0x1f;
			if (type >= 1 && type <= 5) {
				headers.push(header);
				if (byte >> 5 !== 0) nonReference = false;
			}
		} else {
			// HEVC: VCL types are 0–31; the even ones below 16 are sub-layer non-reference.
			const type = (byte >> 1) & 0x3f;
			if (type < 32) {
				headers.push(header);
				if (type >= 16 || type % 2 === 1) nonReference = false;
				temporalId = Math.max(temporalId, ((data[header + 1] ?? 1) & 0b111) - 1);
			}
		}
		at += lengthSize + length;
	}
	return headers.length > 0 && at === data.length ? { headers, nonReference, temporalId } : null;
}

/**
 * Whether a length-prefixed H.264 access unit is a non-reference picture: it holds at least one
 * slice (NAL types 1–5) and every slice has nal_ref_idc 0.
 */
export function isDisposableAvcPicture(data: Uint8Array, lengthSize: number): boolean {
	return pictureSlices(data, lengthSize, 'h264')?.nonReference ?? false;
}

/**
 * The header byte that turns a disposable picture's slice into filler data (H.264 type 12, HEVC
 * FD_NUT 38, nuh_layer_id's top bit kept), which decoders pass over: the picture is left out
 * without changing a byte of the container around it.
 */
export function fillerHeader(byte: number, codec: NalCodec): number {
	return codec === 'h264' ? 12 : (38 << 1) | (byte & 1);
}
