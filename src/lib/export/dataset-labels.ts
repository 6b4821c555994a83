// Face boxes as dataset labels for the exported JPEGs, from plain data: COCO detection
// (annotations/coco.json: images, annotations with bbox [x, y, w, h] in pixels and the detector's
// keypoints, categories) and YOLO (labels/<image stem>.txt: `class cx cy w h`, normalized 0..1).
// Boxes are the ones metadata.json lists, cut to the picture (a detector's box may reach past it).
// When faces are grouped into persons, a person goes in as an annotation attribute (`person`)
// and categories stay [face]; `LabelFace.person` is that slot.
import type { Point, Rect } from '$lib/pipeline/types';

/** MediaPipe BlazeFace's keypoints, in the order the detector gives them (types.ts FaceBox). */
export const FACE_KEYPOINTS = [
	'right_eye',
	'left_eye',
	'nose_tip',
	'mouth_center',
	'right_ear_tragion',
	'left_ear_tragion'
] as const;

export const FACE_CATEGORY_ID = 1;
/** YOLO's class number of a face (classes counted from 0; `face` is the only one). */
export const YOLO_FACE_CLASS = 0;

export interface LabelFace extends Rect {
	score: number;
	keypoints: Point[];
	/** The person this face belongs to, once People exist. */
	person?: string;
}

export interface LabelImage {
	/** The JPEG's path inside the video's folder. */
	file: string;
	width: number;
	height: number;
	faces: LabelFace[];
}

const round = (v: number, digits: number) => Number(v.toFixed(digits));

/** The part of `box` inside a width×height picture, or null when none is. */
export function boxInImage(box: Rect, width: number, height: number): Rect | null {
	const x0 = Math.min(width, Math.max(0, box.x));
	const y0 = Math.min(height, Math.max(0, box.y));
	const x1 = Math.min(width, Math.max(0, box.x + box.width));
	const y1 = Math.min(height, Math.max(0, box.y + box.height));
	if (x1 <= x0 || y1 <= y0) return null;
	return { x: round(x0, 1), y: round(y0, 1), width: round(x1 - x0, 1), height: round(y1 - y0, 1) };
}

/** COCO's keypoints [x, y, v, …]: v = 2 (seen) inside the picture, 0,0,0 where unknown. */
function cocoKeypoints(points: Point[], width: number, height: number) {
	const flat: number[] = [];
	let known = 0;
	FACE_KEYPOINTS.forEach((_, i) => {
		const p = points[i];
		if (p && p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height) {
			flat.push(round(p.x, 1), round(p.y, 1), 2);
			known++;
		} else flat.push(0, 0, 0);
	});
	return { keypoints: flat, num_keypoints: known };
}

export function cocoJson(images: LabelImage[], info: { description: string }): string {
	const annotations: object[] = [];
	const cocoImages = images.map((image, i) => {
		const id = i + 1;
		for (const face of image.faces) {
			const box = boxInImage(face, image.width, image.height);
			if (!box) continue;
			annotations.push({
				id: annotations.length + 1,
				image_id: id,
				category_id: FACE_CATEGORY_ID,
				bbox: [box.x, box.y, box.width, box.height],
				area: round(box.width * box.height, 2),
				iscrowd: 0,
				score: round(face.score, 4),
				...cocoKeypoints(face.keypoints, image.width, image.height),
				...(face.person ? { attributes: { person: face.person } } : {})
			});
		}
		return { id, file_name: image.file, width: image.width, height: image.height };
	});
	return JSON.stringify(
		{
			info: { description: info.description, version: '1.0' },
			licenses: [],
			images: cocoImages,
			annotations,
			categories: [
				{
					id: FACE_CATEGORY_ID,
					name: 'face',
					supercategory: 'person',
					keypoints: [...FACE_KEYPOINTS],
					skeleton: []
				}
			]
		},
		null,
		2
	);
}

/** The YOLO label path of an image: `labels/<image stem>.txt`. */
export function yoloLabelPath(imageFile: string): string {
	return `labels/${imageFile.replace(/\.[^./]+$/, '')}.txt`;
}

/** One line a face: `0 cx cy w h`, each 0..1 of the picture's width or height. */
export function yoloLabels(image: LabelImage): string {
	const n = (v: number) => round(Math.min(1, Math.max(0, v)), 6);
	return image.faces
		.map((face) => boxInImage(face, image.width, image.height))
		.filter((box): box is Rect => box !== null)
		.map((b) =>
			[
				YOLO_FACE_CLASS,
				n((b.x + b.width / 2) / image.width),
				n((b.y + b.height / 2) / image.height),
				n(b.width / image.width),
				n(b.height / image.height)
			].join(' ')
		)
		.map((line) => `${line}\n`)
		.join('');
}
