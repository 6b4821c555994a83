import { describe, expect, it } from 'vitest';
import {
	boxInImage,
	cocoJson,
	FACE_KEYPOINTS,
	yoloLabelPath,
	yoloLabels,
	type LabelImage
} from '$lib/export/dataset-labels';

const image: LabelImage = {
	file: 'clip_00-00-01.000_f25.jpg',
	width: 1280,
	height: 720,
	faces: [
		{
			x: 100,
			y: 50,
			width: 200,
			height: 240,
			score: 0.91234,
			keypoints: [
				{ x: 150, y: 120 },
				{ x: 250, y: 120 },
				{ x: 200, y: 170 },
				{ x: 200, y: 220 },
				{ x: 105, y: 130 },
				{ x: 1300, y: 130 }
			]
		},
		// Reaches past the right and top edges.
		{ x: 1200, y: -20, width: 120, height: 100, score: 0.6, keypoints: [] },
		// Wholly outside: no label.
		{ x: 1400, y: 10, width: 50, height: 50, score: 0.5, keypoints: [] }
	]
};

describe('boxInImage', () => {
	it('cuts a box to the picture, and drops one wholly outside', () => {
		expect(boxInImage({ x: 1200, y: -20, width: 120, height: 100 }, 1280, 720)).toEqual({
			x: 1200,
			y: 0,
			width: 80,
			height: 80
		});
		expect(boxInImage({ x: 1400, y: 10, width: 50, height: 50 }, 1280, 720)).toBeNull();
	});
});

describe('cocoJson', () => {
	const coco = JSON.parse(cocoJson([image], { description: 'test' }));

	it('lists the images with their size, and one face category with its keypoint names', () => {
		expect(coco.images).toEqual([{ id: 1, file_name: image.file, width: 1280, height: 720 }]);
		expect(coco.categories).toEqual([
			{ id: 1, name: 'face', supercategory: 'person', keypoints: [...FACE_KEYPOINTS], skeleton: [] }
		]);
	});

	it('gives boxes as [x, y, w, h] inside the picture, with keypoints where known', () => {
		expect(coco.annotations).toHaveLength(2);
		const [a, b] = coco.annotations;
		expect(a).toMatchObject({ id: 1, image_id: 1, category_id: 1, bbox: [100, 50, 200, 240] });
		expect(a.area).toBe(48000);
		expect(a.score).toBe(0.9123);
		expect(a.keypoints).toEqual([
			150, 120, 2, 250, 120, 2, 200, 170, 2, 200, 220, 2, 105, 130, 2, 0, 0, 0
		]);
		expect(a.num_keypoints).toBe(5);
		expect(b.bbox).toEqual([1200, 0, 80, 80]);
		expect(b.num_keypoints).toBe(0);
		for (const ann of coco.annotations) {
			const [x, y, w, h] = ann.bbox;
			expect(x).toBeGreaterThanOrEqual(0);
			expect(y).toBeGreaterThanOrEqual(0);
			expect(x + w).toBeLessThanOrEqual(1280);
			expect(y + h).toBeLessThanOrEqual(720);
		}
	});

	it('names the person of a face once faces are grouped', () => {
		const grouped = { ...image, faces: [{ ...image.faces[0], person: 'p1' }] };
		const c = JSON.parse(cocoJson([grouped], { description: 'x' }));
		expect(c.annotations[0].attributes).toEqual({ person: 'p1' });
	});
});

describe('yoloLabels', () => {
	it('writes `0 cx cy w h` in 0..1 per face inside the picture', () => {
		expect(yoloLabelPath(image.file)).toBe('labels/clip_00-00-01.000_f25.txt');
		const lines = yoloLabels(image).trimEnd().split('\n');
		expect(lines).toEqual([
			'0 0.15625 0.236111 0.15625 0.333333',
			'0 0.96875 0.055556 0.0625 0.111111'
		]);
		for (const line of lines)
			for (const v of line.split(' ').slice(1).map(Number)) {
				expect(v).toBeGreaterThanOrEqual(0);
				expect(v).toBeLessThanOrEqual(1);
			}
	});
});
