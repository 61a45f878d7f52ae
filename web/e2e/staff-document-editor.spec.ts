import type { Locator, Page } from '@playwright/test';
import { expect, expectAccessible, signIn, test } from './portal-world';

/** Presses Tab until `target` has the focus, as a keyboard user moves through a page. */
async function tabTo(page: Page, target: Locator, limit = 60) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

test.describe('the document editor', () => {
  test('works with the keyboard alone, from the customer to the issued invoice', async ({
    page,
    world,
  }) => {
    await page.goto('/sign-in');
    await signIn(page, world.ownerEmail);
    await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
    await tabTo(page, page.getByRole('link', { name: 'New document' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'New document', level: 1 })).toBeVisible();

    const customer = page.getByRole('combobox', { name: 'Customer' });
    await tabTo(page, customer);
    await page.keyboard.type('Acme');
    // Typing opens the suggestions; Tab alone never does, so tabbing past stays quiet.
    await expect(page.getByRole('option', { name: /Acme Trading GmbH/ })).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(customer).toHaveValue(/Acme Trading GmbH/);

    const line1 = page.getByRole('group', { name: 'Line 1' });
    await tabTo(page, line1.getByRole('textbox', { name: 'Description' }));
    await page.keyboard.type('Workshop');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2');
    await page.keyboard.press('Tab');
    await page.keyboard.type('450');
    await tabTo(page, page.getByRole('button', { name: 'Add line' }));
    await page.keyboard.press('Enter');
    const line2 = page.getByRole('group', { name: 'Line 2' });
    await expect(line2.getByRole('textbox', { name: 'Description' })).toBeFocused();
    await page.keyboard.type('Travel');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('80,50');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0');
    await expect(page.locator('.editor-totals')).toContainText('€1,151.50'); // 900 + 171 + 80.50

    await tabTo(page, page.getByRole('button', { name: 'Save draft' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Draft saved.' })).toBeVisible();
    await tabTo(page, page.getByRole('button', { name: 'Issue' }));
    await page.keyboard.press('Enter');
    const question = page.getByRole('dialog', { name: /Issue this Invoice/ });
    await expect(question).toBeVisible();
    await tabTo(page, question.getByRole('button', { name: 'Issue' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: /^Invoice INV-/ })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: 'Travel' })).toContainText('€80.50');
  });

  test('speaks German, keeps a refused line, and fits a phone', async ({ page, world }) => {
    await page.goto('/sign-in');
    await signIn(page, world.ownerEmail);
    await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
    await page.getByLabel('Language').selectOption('de');
    await page.goto(`/documents/new?customer=${world.customerId}`);
    await expect(page.getByRole('heading', { name: 'Neuer Beleg', level: 1 })).toBeVisible();
    const line = page.getByRole('group', { name: 'Position 1' });
    await line.getByRole('textbox', { name: 'Beschreibung' }).fill('Beratung');
    await line.getByRole('textbox', { name: 'Einzelpreis' }).fill('1234,5');
    await expect(page.locator('.editor-totals')).toContainText('1.469,06 €');
    // The server refuses what the editor cannot know: a due date before the issue date.
    await page.getByLabel('Belegdatum').fill('2026-12-10');
    await page.getByLabel('Fällig am').fill('2026-12-01');
    await page.getByRole('button', { name: 'Entwurf speichern' }).click();
    await expect(page.getByLabel('Fällig am')).toHaveAccessibleDescription(
      /Das Fälligkeitsdatum liegt vor dem Belegdatum/,
    );
    await expect(line.getByRole('textbox', { name: 'Einzelpreis' })).toHaveValue('1234,5');
    await expectAccessible(page);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByLabel('Fällig am').fill('2026-12-24');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({
      path: '../docs/images/staff-document-editor-phone-de.png',
      fullPage: true,
    });
  });
});
