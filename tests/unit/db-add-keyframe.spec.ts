import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import type { KffDatabase } from '$lib/db/database';
import { addKeyframe, keyframesOfVideo } from '$lib/db/keyframes';
import { getVideo } from '$lib/db/videos';
import { useFreshDatabase } from '../support/fresh-database';
import { keyframeFields } from '../support/records';
import { seedVideos } from '../support/seed-videos';

let db: KffDatabase;
useFreshDatabase((fresh) => (db = fresh));

it('adds a keyframe picked by hand and counts it on its video', async () => {
	const [video] = await seedVideos(db, 1);
	const fields = { ...keyframeFields(5, 10), videoId: video.id, addedByHand: true };
	expect(await addKeyframe(db, fields, 1234)).toBe(true);
	const keyframes = await keyframesOfVideo(db, video.id);
	expect(keyframes.map((k) => [k.frameIndex, k.addedByHand ?? false])).toEqual([
		[0, false],
		[5, true],
		[10, false]
	]);
	expect(await getVideo(db, video.id)).toMatchObject({ keyframeCount: 3, updatedAt: 1234 });
});

it('leaves an existing keyframe at that frame alone', async () => {
	const [video] = await seedVideos(db, 1);
	const before = await keyframesOfVideo(db, video.id);
	const fields = { ...keyframeFields(10, 10), score: 0.1, videoId: video.id, addedByHand: true };
	expect(await addKeyframe(db, fields)).toBe(false);
	expect(await keyframesOfVideo(db, video.id)).toEqual(before);
	expect((await getVideo(db, video.id))?.keyframeCount).toBe(2);
});
