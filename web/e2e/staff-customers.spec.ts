import { expect, expectAccessible, signIn, test } from './portal-world';

test.describe('the customers list', () => {
  test('searches, filters by type, sorts and pages on the server', async ({ page, world }) => {
    const stamp = Date.now().toString(36);
    const create = (input: Record<string, unknown>) =>
      world.staff('mutation($input: CustomerInput!) { createCustomer(input: $input) { id } }', {
        input,
      });
    // 27 companies and 2 people carrying the stamp: more than one page of 25.
    for (let i = 0; i < 27; i++)
      await create({
        type: 'COMPANY',
        companyName: `${stamp} Firma ${String(i).padStart(2, '0')}`,
      });
    await create({ type: 'PERSON', firstName: 'Zoe', lastName: stamp });
    await create({ type: 'PERSON', firstName: 'Adam', lastName: stamp });

    await page.goto('/sign-in');
    await signIn(page, world.ownerEmail);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Customers' })
      .click();
    await page.getByRole('searchbox', { name: 'Name, number or email' }).fill(stamp);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'customers' })).toHaveText(
      '29 customers',
    );
    const table = page.getByRole('table', { name: 'Customers' });
    await expect(table.getByRole('row')).toHaveCount(26); // a header and 25
    await page.getByRole('link', { name: 'Next page' }).click();
    await expect(table.getByRole('row')).toHaveCount(5);
    await expectAccessible(page);

    await page.getByLabel('Type').selectOption({ label: 'Person' });
    await page.getByLabel('Order').selectOption({ label: 'Name Z–A' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/sort=name-desc/);
    await expect(table.getByRole('row').nth(1)).toContainText(`Zoe ${stamp}`);
    await expect(table.getByRole('row').nth(2)).toContainText(`Adam ${stamp}`);
    await expect(table.getByRole('row')).toHaveCount(3);
  });
});
