// Driving /people in the People specs.
import type { Locator, Page } from '@playwright/test';

/**
 * Names a person on /people and returns the person's card without waiting for the write: the
 * specs leave or reload the page at once, which must not lose the name.
 */
export async function renamePerson(page: Page, personId: string, name: string): Promise<Locator> {
	await page.goto('/people');
	const card = page.locator(`[data-testid="person"][data-person-id="${personId}"]`);
	await card.getByTestId('person-name').fill(name);
	await card.getByTestId('person-name').press('Enter');
	return card;
}
