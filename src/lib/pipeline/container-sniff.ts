// Recognises a file by its first bytes, not its name or MIME type, so that intake can refuse
// what ffmpeg would never read (an empty file, text named .mp4, a photo) with a clear reason.
import type { Notice } from './notice';

export type SniffResult =
	{ kind: 'video'; container: string } | { kind: 'refused'; reason: Notice };

/** How many leading bytes `sniffContainer` needs. */
export const SNIFF_BYTES = 512;

const ascii = (b: Uint8Array, at: number, len: number) =>
	String.fromCharCode(...b.subarray(at, at + len));

const startsWith = (b: Uint8Array, sig: number[], at = 0) =>
	b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

// ISO BMFF (MP4, MOV, 3GP) begins with a box whose type is one of these.
const ISO_BOX_TYPES = new Set(['ftyp', 'moov', 'mdat', 'free', 'wide', 'skip', 'pnot']);

const IMAGE_SIGNATURES: { sig: number[]; name: string }[] = [
	{ sig: [0xff, 0xd8, 0xff], name: 'JPEG' },
	{ sig: [0x89, 0x50, 0x4e, 0x47], name: 'PNG' },
	{ sig: [0x47, 0x49, 0x46, 0x38], name: 'GIF' },
	{ sig: [0x42, 0x4d], name: 'BMP' }
];

function isMpegTs(b: Uint8Array): boolean {
	// Transport stream packets are 188 bytes, each starting with the sync byte 0x47.
	return b.length >= 189 && b[0] === 0x47 && b[188] === 0x47;
}

function looksLikeText(b: Uint8Array): boolean {
	const n = Math.min(b.length, SNIFF_BYTES);
	for (let i = 0; i < n; i++) {
		const c = b[i];
		if (c < 9 || (c > 13 && c < 32 && c !== 27)) return false;
	}
	return n > 0;
}

export function sniffContainer(head: Uint8Array, fileSize: number): SniffResult {
	if (fileSize === 0) return { kind: 'refused', reason: { code: 'empty-file' } };
	const box = head.length >= 8 ? ascii(head, 4, 4) : '';
	if (ISO_BOX_TYPES.has(box)) {
		const brand = box === 'ftyp' && head.length >= 12 ? ascii(head, 8, 4) : '';
		if (/^(avif|avis|heic|heix|mif1|msf1)$/.test(brand)) {
			return { kind: 'refused', reason: { code: 'still-image', format: 'HEIF/AVIF' } };
		}
		return { kind: 'video', container: brand.startsWith('qt') ? 'mov' : 'mp4' };
	}
	if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return { kind: 'video', container: 'matroska' };
	if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'AVI ') {
		return { kind: 'video', container: 'avi' };
	}
	if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') {
		return { kind: 'refused', reason: { code: 'still-image', format: 'WebP' } };
	}
	if (ascii(head, 0, 3) === 'FLV') return { kind: 'video', container: 'flv' };
	if (ascii(head, 0, 4) === 'OggS') return { kind: 'video', container: 'ogg' };
	if (startsWith(head, [0x00, 0x00, 0x01, 0xba])) return { kind: 'video', container: 'mpeg' };
	if (startsWith(head, [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11])) {
		return { kind: 'video', container: 'asf' };
	}
	if (isMpegTs(head)) return { kind: 'video', container: 'mpegts' };
	const image = IMAGE_SIGNATURES.find((s) => startsWith(head, s.sig));
	if (image) return { kind: 'refused', reason: { code: 'still-image', format: image.name } };
	if (looksLikeText(head)) {
		return {
			kind: 'refused',
			reason: { code: 'text-file' }
		};
	}
	return { kind: 'refused', reason: { code: 'unknown-format' } };
}
