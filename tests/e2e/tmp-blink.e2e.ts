import { expect, test } from '@playwright/test';
import { startBatch, waitForFinal } from '../support/app-driver';
import { readStores } from '../support/browser-db';
for (const file of ['people_two.mp4', 'faces_timeline.mp4', 'megamind_h264.mp4'])
	test(`blinks ${file}`, async ({ page }) => {
		test.setTimeout(300_000);
		await startBatch(page, [file], { sampleRate: 1 });
		expect(await waitForFinal(page, file, 280_000)).toBe('completed');
		const { candidates, keyframes } = await readStores(page, ['candidates', 'keyframes']);
		const rows = candidates
			.map((c) => ({
				t: c.timeSec as number,
				f: c.frameIndex as number,
				ear: (c.faces as { eyeAspect?: number }[])
					.map((x) => x.eyeAspect?.toFixed(3) ?? '-')
					.join('/')
			}))
			.sort((a, b) => a.t - b.t);
		console.log(
			file,
			'candidates',
			rows.length,
			'keyframes',
			keyframes.map((k) => k.frameIndex).join(',')
		);
		console.log(rows.map((r) => `${r.f}:${r.ear}`).join(' '));
	});
