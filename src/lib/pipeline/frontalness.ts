import type { FaceBox, Point } from './types';

/** Used when the detector gave no usable keypoints: neither reward nor punish the face. */
const NEUTRAL = 0.75;

const dot = (a: Point, b: Point) => a.x * b.x + a.y * b.y;
const sub = (a: Point, b: Point): Point => ({ x: a.x - b.x, y: a.y - b.y });

/**
 * How squarely a face looks at the camera, 0..1, from BlazeFace keypoints
 * (0 right eye, 1 left eye, 2 nose tip, 4 right ear, 5 left ear; "right" = image left).
 *
 * - yaw: the nose tip projected onto the eye line sits halfway between the eyes on a frontal
 *   face and moves toward one eye as the head turns; when both ear tragions are present, their
 *   distances from the nose along the eye line must also match (the far ear collapses onto the
 *   nose in profile). The two yaw cues are averaged.
 * - roll: cos of the eye line's tilt, so a slight tilt costs little (20° → 0.94) and an upside-down
 *   face scores 0.
 */
export function frontalness(face: FaceBox): number {
	const [rightEye, leftEye, nose, , rightEar, leftEar] = face.keypoints;
	if (!rightEye || !leftEye || !nose) return NEUTRAL;
	const eyeAxis = sub(leftEye, rightEye);
	const eyeSpan = Math.hypot(eyeAxis.x, eyeAxis.y);
	if (!(eyeSpan > 0)) return NEUTRAL;
	const unit = { x: eyeAxis.x / eyeSpan, y: eyeAxis.y / eyeSpan };

	// 0 at the midpoint, 1 at an eye (or beyond).
	const noseT = dot(sub(nose, rightEye), unit) / eyeSpan;
	let yaw = 1 - Math.min(1, Math.abs(noseT - 0.5) * 2);

	if (rightEar && leftEar) {
		const toRight = dot(sub(nose, rightEar), unit);
		const toLeft = dot(sub(leftEar, nose), unit);
		const earSymmetry =
			toRight > 0 && toLeft > 0 ? Math.min(toRight, toLeft) / Math.max(toRight, toLeft) : 0;
		yaw = (yaw + earSymmetry) / 2;
	}

	const roll = Math.max(0, unit.x); // cos of the tilt angle; negative when upside down
	return yaw * roll;
}
