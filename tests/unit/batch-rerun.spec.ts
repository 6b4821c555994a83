import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { keepRerun } from '$lib/batch/rerun';
import { getAnnotations } from '$lib/db/annotations';
import type { KffDatabase } from '$lib/db/database';
import { addKeyframe, keyframesOfVideo } from '$lib/db/keyframes';
import { getVideo } from '$lib/db/videos';
import { DEFAULT_SETTINGS } from '$lib/settings/extraction-settings';
import { useFreshDatabase } from '../support/fresh-database';
import { keyframeFields } from '../support/records';
import { seedVideos } from '../support/seed-videos';

let db: KffDatabase;
useFreshDatabase((fresh) => (db = fresh));

it('keeping a re-run replaces the run’s keyframes; hand-added ones and annotations stay', async () => {
	const [video] = await seedVideos(db, 1); // keyframes 0 and 10, a note on 10
	await addKeyframe(db, { ...keyframeFields(5, 10), videoId: video.id, addedByHand: true });
	const settings = { ...DEFAULT_SETTINGS, maxFrames: 2, sampleRate: 1 };
	const kept = await keepRerun(db, video.id, {
		ok: true,
		settings,
		result: {
			video: { message: null },
			keyframes: [10, 20].map((i) => ({ ...keyframeFields(i, 10), score: 0.5 }))
		}
	});
	expect(kept).toBe(true);
	const keyframes = await keyframesOfVideo(db, video.id);
	expect(keyframes.map((k) => [k.frameIndex, k.addedByHand ?? false, k.score])).toEqual([
		[5, true, 1],
		[10, false, 0.5],
		[20, false, 0.5]
	]);
	expect(await getVideo(db, video.id)).toMatchObject({
		keyframeCount: 3,
		status: 'completed',
		settings: { maxFrames: 2, sampleRate: 1 }
	});
	expect((await getAnnotations(db, video.id)).map((a) => [a.frameIndex, a.notes])).toEqual([
		[10, 'n']
	]);
});
