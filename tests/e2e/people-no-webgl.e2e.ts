// People without any WebGL (as tests/e2e/no-webgl.e2e.ts: no hardware GL and no software
// rasterizer): TensorFlow.js runs the recognition net on wasm, so persons are still found.
import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/chromium.mjs';
import { fixtureJson, startBatch, waitForFinal } from './helpers';

test.use({
	launchOptions: {
		executablePath: chromiumPath(),
		args: [...CHROMIUM_ARGS, '--disable-software-rasterizer']
	}
});

const SEGMENTS = fixtureJson<{ segments: { start: number; end: number; person: string }[] }>(
	'people_two.json'
).segments;
const personAt = (t: number) => SEGMENTS.find((s) => t >= s.start && t < s.end)?.person;

test('people_two.mp4 still gives its two persons, each of one person only', async ({ page }) => {
	await startBatch(page, ['people_two.mp4']);
	expect(await waitForFinal(page, 'people_two.mp4')).toBe('completed');
	await page.goto('/people');
	const cards = page.getByTestId('person');
	await expect(cards).toHaveCount(2, { timeout: 30_000 });
	await expect(page.getByTestId('people-unavailable')).toBeHidden();
	const ids = await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-person-id')!));
	const who = new Set<string>();
	for (const id of ids) {
		await page.goto(`/people?person=${id}`);
		await expect(page.getByTestId('person-keyframe').first()).toBeVisible();
		const times = await page
			.getByTestId('person-keyframe')
			.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-time'))));
		const names = new Set(times.map(personAt));
		expect(names.size).toBe(1);
		who.add([...names][0]!);
	}
	expect(who).toEqual(new Set(['obama', 'biden']));
});
