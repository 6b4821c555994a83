// Curation by hand (#18): ratings and flags, frames added from the player, New batch presets and
// ranges, and a video run again with other settings.
import { expect, test, type Page } from '@playwright/test';
import { downloadZip, startBatch, videoRow, waitForFinal } from '../support/app-driver';

interface MetadataRow {
	file: string;
	frameIndex: number;
	rating: number;
	flag: 'pick' | 'reject' | null;
}

async function openReview(page: Page, fileName: string) {
	await videoRow(page, fileName).getByRole('link').first().click();
	await page.waitForURL(/\/videos\//);
	await expect(page.getByTestId('keyframe').first()).toBeVisible();
}

test('ratings and flags: keys and stars, a filter, kept across reload, in metadata.json and the CSV', async ({
	page
}) => {
	await startBatch(page, ['megamind_h264.mp4'], { maxFrames: 4 });
	expect(await waitForFinal(page, 'megamind_h264.mp4')).toBe('completed');
	await openReview(page, 'megamind_h264.mp4');

	const cards = page.getByTestId('keyframe');
	await expect(cards).toHaveCount(4);
	await expect(cards.first()).toHaveAttribute('data-rating', '0');
	const first = await cards.nth(0).getAttribute('data-frame-index');
	const second = await cards.nth(1).getAttribute('data-frame-index');
	const card = (frameIndex: string | null) =>
		page.locator(`[data-testid="keyframe"][data-frame-index="${frameIndex}"]`);

	// Keys on the selected keyframe: 4 stars and a pick.
	await cards.nth(0).click();
	await page.keyboard.press('4');
	await page.keyboard.press('p');
	await expect(card(first)).toHaveAttribute('data-rating', '4');
	await expect(card(first)).toHaveAttribute('data-flag', 'pick');
	// The editor's stars and flag buttons on another: 2 stars, then a reject by X.
	await cards.nth(1).click();
	await page.getByTestId('keyframe-rating').locator('[data-stars="2"]').click();
	await page.keyboard.press('x');
	await expect(card(second)).toHaveAttribute('data-rating', '2');
	await expect(card(second)).toHaveAttribute('data-flag', 'reject');
	await expect(page.getByTestId('keyframe-flag-reject')).toHaveAttribute('aria-pressed', 'true');

	await page.reload();
	await expect(card(first)).toHaveAttribute('data-rating', '4');
	await expect(card(first)).toHaveAttribute('data-flag', 'pick');
	await expect(card(second)).toHaveAttribute('data-rating', '2');

	// Filters: 3 stars or more leaves one; rejects leave the other; counts stay whole.
	const filter = page.getByTestId('rating-filter');
	await filter.selectOption('3+');
	await expect(cards).toHaveCount(1);
	await expect(cards.first()).toHaveAttribute('data-frame-index', first!);
	await expect(page.getByTestId('rating-filter-count')).toContainText('1');
	await filter.selectOption('reject');
	await expect(cards).toHaveCount(1);
	await expect(cards.first()).toHaveAttribute('data-frame-index', second!);
	await filter.selectOption('unrated');
	await expect(cards).toHaveCount(2);
	await filter.selectOption('all');
	await expect(cards).toHaveCount(4);

	const { zip } = await downloadZip(page);
	const metadata = JSON.parse(await zip.file(/metadata\.json$/)[0].async('string')) as {
		keyframes: MetadataRow[];
	};
	const rows = new Map(metadata.keyframes.map((k) => [String(k.frameIndex), k]));
	expect(rows.get(first!)).toMatchObject({ rating: 4, flag: 'pick' });
	expect(rows.get(second!)).toMatchObject({ rating: 2, flag: 'reject' });
	expect([...rows.values()].filter((k) => k.rating === 0 && k.flag === null)).toHaveLength(2);
	const csv = (await zip.file(/metadata\.csv$/)[0].async('string')).replace(/^\uFEFF/, '');
	const [header, ...lines] = csv.trimEnd().split('\r\n');
	expect(header.split(',').slice(-2)).toEqual(['rating', 'flag']);
	const line = lines.find((l) => l.startsWith(rows.get(first!)!.file))!;
	expect(line.endsWith(',4,pick')).toBe(true);
});
