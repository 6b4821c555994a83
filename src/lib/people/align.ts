// Where a face's pixels go in the recognition model's square input: a similarity transform
// (rotation, scale, shift) that puts the detector's eye keypoints on fixed places, so the
// embedding compares faces, not head tilts or crop sizes. Pure geometry, no DOM.
import type { FaceBox } from '$lib/pipeline/types';

/** A 2-D affine map as canvas `setTransform(a, b, c, d, e, f)` takes it: x' = a·x + c·y + e. */
export interface Affine {
	a: number;
	b: number;
	c: number;
	d: number;
	e: number;
	f: number;
}

/**
 * Eye centres in the chip, as fractions of its side: where dlib's face chip (150 px, padding
 * 0.25), which face-api's recognition net was trained on, puts them — its side is 2.89 eye
 * distances, centred 0.524 eye distances below the eyes' midpoint.
 */
export const CHIP_EYES = { y: 0.319, gap: 0.346 };

/** Box-only faces (no keypoints): the box grown by this much per side fills the chip. */
const BOX_MARGIN = 0.1;

/**
 * The transform taking source pixels to a `size`×`size` chip. Keypoints 0 and 1 are the subject's
 * right and left eye (on the image's left and right); without them the box is used.
 */
export function chipTransform(face: FaceBox, size: number): Affine {
	const [right, left] = face.keypoints;
	if (!right || !left) return boxTransform(face, size);
	const dx = left.x - right.x;
	const dy = left.y - right.y;
	const distance = Math.hypot(dx, dy);
	if (distance < 1) return boxTransform(face, size);
	const scale = (CHIP_EYES.gap * size) / distance;
	const cos = (dx / distance) * scale;
	const sin = (dy / distance) * scale;
	// Rotate by −angle and scale about the eyes' midpoint, then move it to its chip position.
	const mx = (right.x + left.x) / 2;
	const my = (right.y + left.y) / 2;
	const tx = size / 2 - (cos * mx + sin * my);
	const ty = CHIP_EYES.y * size - (-sin * mx + cos * my);
	return { a: cos, b: -sin, c: sin, d: cos, e: tx, f: ty };
}

function boxTransform(face: FaceBox, size: number): Affine {
	const side = Math.max(face.width, face.height) * (1 + 2 * BOX_MARGIN);
	const scale = size / side;
	const cx = face.x + face.width / 2;
	const cy = face.y + face.height / 2;
	return { a: scale, b: 0, c: 0, d: scale, e: size / 2 - scale * cx, f: size / 2 - scale * cy };
}
