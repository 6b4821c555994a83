import type { FaceBox, Point } from './types';

/** How far outside the box (as a share of its size) an eye or the nose tip may still lie. */
const MARGIN = 0.25;
/**
 * The eyes of a face in its box are this far apart at least, as a share of the box's width. Low
 * enough for a half profile: a cartoon face turned away in megamind.avi has them at 0.15.
 */
const MIN_EYE_SPAN = 0.08;

function inside(p: Point, box: FaceBox): boolean {
	const mx = box.width * MARGIN;
	const my = box.height * MARGIN;
	return (
		p.x >= box.x - mx &&
		p.x <= box.x + box.width + mx &&
		p.y >= box.y - my &&
		p.y <= box.y + box.height + my
	);
}

/**
 * Whether a detected box has the keypoints of a face: both eyes and the nose tip (BlazeFace's
 * first three) inside the box, the eyes apart. Boxes on hands, hair or texture often carry
 * keypoints collapsed onto one spot or thrown outside the box.
 */
export function plausibleFace(face: FaceBox): boolean {
	const [rightEye, leftEye, nose] = face.keypoints;
	if (!rightEye || !leftEye || !nose) return false;
	if (![rightEye, leftEye, nose].every((p) => inside(p, face))) return false;
	const span = Math.hypot(leftEye.x - rightEye.x, leftEye.y - rightEye.y);
	return span >= face.width * MIN_EYE_SPAN;
}
