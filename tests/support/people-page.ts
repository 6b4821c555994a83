// Driving /people in the People specs.
import { expect, type Locator, type Page } from '@playwright/test';
import { readStores } from './browser-db';

/**
 * Names a person on /people and waits until the name is stored, so the page can be left at once
 * (a write still in flight when the page unloads is lost). Returns the person's card.
 */
export async function renamePerson(page: Page, personId: string, name: string): Promise<Locator> {
	await page.goto('/people');
	const card = page.locator(`[data-testid="person"][data-person-id="${personId}"]`);
	await card.getByTestId('person-name').fill(name);
	await card.getByTestId('person-name').press('Enter');
	await expect
		.poll(async () => {
			const { persons } = await readStores(page, ['persons']);
			return persons.find((p) => p.id === personId)?.name;
		})
		.toBe(name);
	return card;
}
