// Eyes open (issue #18 point 5) on the built site: the face landmark model reads the eyes of each
// candidate's faces, stored with the candidates; the review shows the factor. The fixtures'
// people all have their eyes open. Logs each fixture's eye aspect ratios (what CLOSED_EAR and
// OPEN_EAR in src/lib/pipeline/eyes.ts were chosen from) and what the model costs per face.
import { expect, test, type Page } from '@playwright/test';
import { startBatch, videoRow, waitForFinal, watchPage } from '../support/app-driver';
import { readStores } from '../support/browser-db';
import { eyesOpen } from '../../src/lib/pipeline/eyes';

interface Face {
	eyeAspect?: number;
	openEyeAspect?: number;
}

const spread = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(3);
	return `min ${at(0)}, p5 ${at(0.05)}, median ${at(0.5)}, max ${at(1)}`;
};

/** Runs `file` and logs its candidates' eye aspect ratios and the model's cost; the stores. */
async function runAndMeasure(page: Page, file: string) {
	await startBatch(page, [file]);
	expect(await waitForFinal(page, file)).toBe('completed');
	const stores = await readStores(page, ['candidates', 'videos']);
	const faces = stores.candidates.flatMap((c) => c.faces as Face[]);
	const ratios = faces.flatMap((f) => (f.eyeAspect === undefined ? [] : [f.eyeAspect]));
	const t = stores.videos[0].timings as Record<string, number>;
	const perFace = (1000 * t.eyes) / t.eyeFaces;
	console.log(
		`${file}: ${ratios.length} of ${faces.length} candidate faces measured ` +
			`(${t.eyeFaces - ratios.length} more boxes dropped or unread); eye aspect ratio ` +
			`${spread(ratios)}; landmark model ${perFace.toFixed(1)} ms per face ` +
			`(${t.eyeFaces} faces, ${t.eyes.toFixed(2)} s; detection ${t.detect.toFixed(2)} s ` +
			`for ${t.detections} frames)`
	);
	// Most faces are big enough to measure, and the model ran on them (and on the boxes it found
	// no face in, which were dropped).
	expect(ratios.length).toBeGreaterThan(faces.length / 2);
	expect(t.eyeFaces).toBeGreaterThanOrEqual(ratios.length);
	return stores;
}

test('faces_timeline.mp4: every keyframe shows its eyes open', async ({ page }) => {
	const watch = watchPage(page);
	await runAndMeasure(page, 'faces_timeline.mp4');
	await videoRow(page, 'faces_timeline.mp4').getByRole('link', { name: 'Open keyframes' }).click();
	const keyframes = page.getByTestId('keyframe');
	await expect(keyframes.first()).toBeVisible();
	const count = await keyframes.count();
	expect(count).toBeGreaterThan(3);
	for (let i = 0; i < count; i++) {
		await keyframes.nth(i).click();
		const eyes = page.getByTestId('score-factors').locator('[data-factor="eyes"]');
		await expect(eyes).toHaveAttribute('data-value', /^[01]\.\d{3}$/);
		const value = Number(await eyes.getAttribute('data-value'));
		expect(value, `keyframe ${i}`).toBeGreaterThanOrEqual(0.5);
		expect(value).toBeLessThanOrEqual(1);
		await expect(page.getByTestId('score-reason')).not.toContainText('eyes');
	}
	expect(watch.errors).toEqual([]);
	expect(watch.foreign).toEqual([]);
});

for (const file of ['people_two.mp4', 'megamind.avi']) {
	test(`${file}: the eyes of its faces are measured, open`, async ({ page }) => {
		const { candidates } = await runAndMeasure(page, file);
		const ratios = candidates.flatMap((c) => (c.faces as Face[]).map((f) => f.eyeAspect ?? 1));
		// Open eyes: not one face reads as closed (CLOSED_EAR).
		expect(Math.min(...ratios)).toBeGreaterThan(0.1);
	});
}

test('megamind_h264.mp4: the cartoon’s blinks are eyes closed, against its own open eyes', async ({
	page
}) => {
	// Every frame sampled: frames 228 and 257 are its two blinks (lids shut, seen by eye).
	await startBatch(page, ['megamind_h264.mp4'], { sampleRate: 1 });
	expect(await waitForFinal(page, 'megamind_h264.mp4')).toBe('completed');
	const { candidates, keyframes } = await readStores(page, ['candidates', 'keyframes']);
	const eyesAt = (frameIndex: number) => {
		const candidate = candidates.find((c) => c.frameIndex === frameIndex);
		expect(candidate, `candidate ${frameIndex}`).toBeDefined();
		const [face] = candidate!.faces as Face[];
		expect(face.openEyeAspect, `frame ${frameIndex}'s face has a baseline`).toBeGreaterThan(0.25);
		return eyesOpen(face.eyeAspect!, face.openEyeAspect);
	};
	// Its lids measure 0.16-0.20, a ratio a real person's open eyes can have: only against the
	// cartoon's own open eyes (0.30-0.42) do they read as closed.
	for (const blink of [228, 257]) expect(eyesAt(blink), `frame ${blink}`).toBe(0);
	for (const open of [225, 254]) expect(eyesAt(open), `frame ${open}`).toBe(1);
	// No blink is kept; the stored keyframes are scored as the candidates were.
	const kept = keyframes.map((k) => k.frameIndex as number);
	expect(kept).not.toContain(228);
	expect(kept).not.toContain(257);
	for (const k of keyframes) {
		const candidate = candidates.find((c) => c.frameIndex === k.frameIndex)!;
		expect(k.score).toBeCloseTo(candidate.score as number, 10);
	}
});

test.describe('without the landmark model', () => {
	// The service worker would answer from its cache, past the route.
	test.use({ serviceWorkers: 'block' });

	test('a video completes, its eyes shown as not measured', async ({ page }) => {
		await page.context().route('**/face_landmark.tflite', (route) => route.abort());
		await startBatch(page, ['faces_timeline.mp4']);
		expect(await waitForFinal(page, 'faces_timeline.mp4')).toBe('completed');
		const { videos, candidates } = await readStores(page, ['videos', 'candidates']);
		expect(videos[0].decoderNote).toContain('Eyes were not measured');
		expect(candidates.flatMap((c) => c.faces as Face[]).some((f) => 'eyeAspect' in f)).toBe(false);
		await videoRow(page, 'faces_timeline.mp4')
			.getByRole('link', { name: 'Open keyframes' })
			.click();
		await page.getByTestId('keyframe').first().click();
		const eyes = page.getByTestId('score-factors').locator('[data-factor="eyes"]');
		await expect(eyes).toContainText('not measured');
		await expect(eyes).not.toHaveAttribute('data-value');
	});
});
