import {
  expect,
  expectAccessible,
  issueDocument,
  joinedContact,
  joinedStaff,
  signIn,
  test,
  type PortalWorld,
} from './portal-world';

async function newCustomer(world: PortalWorld, companyName: string) {
  const { createCustomer } = await world.staff<{ createCustomer: { id: string } }>(
    'mutation($input: CustomerInput!) { createCustomer(input: $input) { id } }',
    { input: { type: 'COMPANY', companyName } },
  );
  return createCustomer.id;
}

test.describe('staff boundaries in the browser', () => {
  test('a SPECIALIST sees only the customers they administer, and nothing else by URL', async ({
    page,
    browser,
    world,
  }) => {
    const stamp = Date.now().toString(36);
    const mine = await newCustomer(world, `Mine ${stamp} GmbH`);
    const theirs = await newCustomer(world, `Theirs ${stamp} GmbH`);
    const specialist = await joinedStaff(world, 'SPECIALIST', 'Sven', 'Special');
    await world.staff(
      'mutation($c: ID!, $u: [ID!]!) { setCustomerAdministrators(customerId: $c, userIds: $u) { id } }',
      { c: mine, u: [specialist.id] },
    );
    const { id: theirDocument } = await issueDocument(world, { customerId: theirs });

    await page.goto('/sign-in');
    await signIn(page, specialist.email);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Customers' }).click();
    await expect(page.getByRole('link', { name: `Mine ${stamp} GmbH` })).toBeVisible();
    await expect(page.getByText(`Theirs ${stamp} GmbH`)).toHaveCount(0);
    // The organization's pages are not offered, and not there when typed.
    await expect(nav.getByRole('link', { name: 'Emails' })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'Audit trail' })).toHaveCount(0);
    await expectAccessible(page);

    for (const path of [
      `/customers/${theirs}`,
      `/documents/${theirDocument}`,
      '/emails',
      '/audit',
    ]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
    }
    // Made a processor of the other customer's document by the owner, they may open it.
    const ownerContext = await browser.newContext({ baseURL: world.baseURL });
    const owner = await ownerContext.newPage();
    await owner.goto('/sign-in');
    await signIn(owner, world.ownerEmail);
    await expect(owner.getByRole('heading', { name: 'Documents' })).toBeVisible();
    await owner.goto(`/documents/${theirDocument}`);
    await owner.getByRole('button', { name: 'Processors' }).click();
    const processors = owner.getByRole('dialog', { name: 'Who processes this document' });
    await processors.getByText('Sven Special', { exact: true }).click();
    await processors.getByRole('button', { name: 'Save' }).click();
    await expect(processors).toBeHidden();
    await ownerContext.close();
    await page.goto(`/documents/${theirDocument}`);
    await expect(page.getByRole('heading', { level: 1, name: /^Invoice INV-/ })).toBeVisible();
    // Their own customer opens, and a document for it can be written (the picker offers only it).
    await page.goto(`/customers/${mine}`);
    await expect(page.getByRole('heading', { name: `Mine ${stamp} GmbH`, level: 1 })).toBeVisible();
    await page.goto('/documents/new');
    await page.getByRole('combobox', { name: 'Customer' }).fill(stamp);
    await expect(page.getByRole('option', { name: new RegExp(`Mine ${stamp}`) })).toBeVisible();
    await expect(page.getByRole('option', { name: new RegExp(`Theirs ${stamp}`) })).toHaveCount(0);
  });

  test('a contact who types a staff address sees "not found"', async ({ page, world }) => {
    const { email } = await joinedContact(world, 'curious');
    await page.goto('/sign-in');
    await signIn(page, email);
    await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'New document' })).toHaveCount(0);
    for (const path of [
      '/customers',
      `/customers/${world.customerId}`,
      '/documents/new',
      '/audit',
    ]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
    }
  });

  test("an ADMIN revokes a contact, and the contact's open session ends at the next click", async ({
    page,
    browser,
    world,
  }) => {
    const admin = await joinedStaff(world, 'ADMIN', 'Ada', 'Admin');
    const { email } = await joinedContact(world, 'leaving');
    const { number } = await issueDocument(world);

    const contact = await browser.newContext({ baseURL: world.baseURL });
    const contactPage = await contact.newPage();
    await contactPage.goto('/sign-in');
    await signIn(contactPage, email);
    await expect(contactPage.getByRole('link', { name: number })).toBeVisible();

    await page.goto('/sign-in');
    await signIn(page, admin.email);
    await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
    await page.goto(`/customers/${world.customerId}`);
    const row = page
      .getByRole('table', { name: 'Contacts' })
      .getByRole('row')
      .filter({ hasText: email });
    await row.getByRole('button', { name: 'Revoke' }).click();
    const question = page.getByRole('dialog', { name: `Revoke the access of ${email}?` });
    await expect(question).toContainText('signed out on their next request');
    await expectAccessible(page);
    await question.getByRole('button', { name: 'Revoke' }).click();
    await expect(row).toContainText('Revoked');
    await expect(row.getByRole('button', { name: 'Revoke' })).toHaveCount(0);

    // The contact's tab still shows the list; their next request is refused and ends the session.
    await contactPage.getByRole('link', { name: number }).click();
    await expect(contactPage.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(contactPage.getByRole('status')).toContainText('Your session has ended');
    await signIn(contactPage, email);
    await expect(contactPage.getByText('Wrong email or password.')).toBeVisible();
    await contact.close();
  });
});
