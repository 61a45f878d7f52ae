import type { Route } from '@playwright/test';
import {
  expect,
  expectAccessible,
  joinedContact,
  signIn,
  test,
  type PortalWorld,
} from './portal-world';

/** A company of its own, so edits here touch no other test's customer. */
async function company(world: PortalWorld, name: string) {
  const { createCustomer } = await world.staff<{ createCustomer: { id: string } }>(
    'mutation($input: CustomerInput!) { createCustomer(input: $input) { id } }',
    {
      input: {
        type: 'COMPANY',
        companyName: name,
        email: `billing-${Date.now().toString(36)}@${world.organization}.example`,
        address: { street: 'Hafenstraße 1', postalCode: '20457', city: 'Hamburg', country: 'DE' },
      },
    },
  );
  return createCustomer.id;
}

test.describe('customer data in the browser', () => {
  test('is read-only without EDIT_CUSTOMER_DATA', async ({ page, world }) => {
    const customerId = await company(world, 'Lesen & Co KG');
    const { email } = await joinedContact(world, 'olga', { customerId });
    await page.goto('/customer');
    await signIn(page, email);
    await expect(page.getByRole('heading', { name: 'Customer data' })).toBeVisible();
    await expect(page.getByText('Lesen & Co KG')).toBeVisible();
    await expect(page.getByText('Hafenstraße 1')).toBeVisible();
    await expect(page.getByRole('textbox')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Save' })).toHaveCount(0);
    await expectAccessible(page);
  });

  test('edits address, VAT ID and bank account, with the IBAN checked as typed', async ({
    page,
    world,
  }) => {
    const customerId = await company(world, 'Schreib GmbH');
    const { createAccessLevel } = await world.staff<{ createAccessLevel: { id: string } }>(
      'mutation($input: AccessLevelInput!) { createAccessLevel(input: $input) { id } }',
      {
        input: {
          name: `Editor ${Date.now()}`,
          permissions: ['VIEW_DOCUMENTS', 'EDIT_CUSTOMER_DATA'],
        },
      },
    );
    const { email } = await joinedContact(world, 'paul', {
      customerId,
      accessLevelId: createAccessLevel.id,
    });
    await page.goto('/documents');
    await signIn(page, email);
    await page.getByRole('link', { name: 'Customer data' }).click();
    await expect(page.getByRole('heading', { name: 'Customer data' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Street' })).toHaveValue('Hafenstraße 1');
    await expectAccessible(page);

    // Wrong check digits: said while typing, before any trip to the server.
    const iban = page.getByRole('textbox', { name: 'IBAN' });
    await iban.fill('DE88 3704 0044 0532 0130 00');
    await expect(iban).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('This is not a valid IBAN')).toBeVisible();
    await iban.fill('DE89 3704 0044 0532 0130 00');
    await expect(page.getByText('✓ This IBAN is valid.')).toBeVisible();
    await expect(iban).not.toHaveAttribute('aria-invalid', 'true');

    // The server's refusal sits next to its field; nothing typed is lost.
    await page.getByRole('textbox', { name: 'Street' }).fill('Elbchaussee 99');
    await page.getByRole('textbox', { name: 'VAT ID' }).fill('12345');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('textbox', { name: 'VAT ID' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await expect(page.getByText('Enter the country prefix and the number')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Street' })).toHaveValue('Elbchaussee 99');
    await expectAccessible(page);

    await page.getByRole('textbox', { name: 'VAT ID' }).fill('DE123456789');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status')).toHaveText('Saved.');

    // Offline: the form says so, keeps what was typed and tries again when asked.
    await page.context().setOffline(true);
    await page.getByRole('textbox', { name: 'City' }).fill('Altona');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('alert')).toContainText('The portal cannot be reached right now');
    await expect(page.getByRole('textbox', { name: 'City' })).toHaveValue('Altona');
    await page.context().setOffline(false);
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('status')).toHaveText('Saved.');

    // A server that never answers: given up after 20 s, said so the same way.
    const hanging = (route: Route) =>
      route.request().postData()?.includes('UpdateMyCustomerData')
        ? undefined // left unanswered
        : route.continue();
    await page.route('**/graphql', hanging);
    await page.getByRole('textbox', { name: 'Postal code' }).fill('22763');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('alert')).toContainText('The portal cannot be reached right now', {
      timeout: 30_000,
    });
    await page.unroute('**/graphql', hanging);
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('status')).toHaveText('Saved.');

    // Kept by the server, and seen by staff.
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Street' })).toHaveValue('Elbchaussee 99');
    await expect(page.getByRole('textbox', { name: 'City' })).toHaveValue('Altona');
    await expect(page.getByRole('textbox', { name: 'IBAN' })).toHaveValue('DE89370400440532013000');
    const { customer } = await world.staff<{
      customer: { vatId: string; bankAccount: { iban: string } };
    }>('query($id: ID!) { customer(id: $id) { vatId bankAccount { iban } } }', { id: customerId });
    expect(customer).toEqual({
      vatId: 'DE123456789',
      bankAccount: { iban: 'DE89370400440532013000' },
    });
  });
});
