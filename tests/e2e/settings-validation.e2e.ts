// Settings checks what is typed however the page was reached: the store outlives the first page
// that opened it, and its validation must too.
import { expect, test } from '@playwright/test';

test('an invalid value is caught on Settings reached from another page, and not saved', async ({
	page
}) => {
	await page.goto('/history');
	await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
	await expect(page).toHaveURL(/\/settings/);
	const save = page.getByRole('button', { name: 'Save', exact: true });
	await page.getByTestId('sample-rate').fill('0');
	await expect(page.locator('.field-problem').first()).toBeVisible();
	await expect(save).toBeDisabled();
	await page.getByTestId('sample-rate').fill('7');
	await expect(save).toBeEnabled();
	await save.click();
	await page.reload();
	await expect(page.getByTestId('sample-rate')).toHaveValue('7');
});
