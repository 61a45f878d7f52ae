import { readFile } from 'node:fs/promises';
import {
  expect,
  expectAccessible,
  issueDocument,
  joinedContact,
  signIn,
  test,
  type PortalWorld,
} from './portal-world';

const COLUMNS = [
  'Number',
  'Date',
  'Due',
  'Type',
  'Currency',
  'Net',
  'VAT',
  'Gross',
  'Paid',
  'Balance due',
  'Retrieved',
];

/** A customer of its own with documents of several types, currencies and payment states. */
async function customerWithDocuments(world: PortalWorld) {
  const { createCustomer } = await world.staff<{ createCustomer: { id: string } }>(
    'mutation($input: CustomerInput!) { createCustomer(input: $input) { id } }',
    {
      input: {
        type: 'PERSON',
        firstName: 'Erik',
        lastName: 'Lund',
        email: `erik@${world.organization}.example`,
      },
    },
  );
  const customerId = createCustomer.id;
  const invoice = await issueDocument(world, { customerId, dueDate: '2099-01-31' });
  const overdue = await issueDocument(world, {
    customerId,
    issueDate: '2025-01-02',
    dueDate: '2025-02-01',
    lines: [{ description: 'Licence', quantity: '1', unitPrice: '200.00', taxRate: '7' }],
  });
  const dollars = await issueDocument(world, {
    customerId,
    currency: 'USD',
    lines: [{ description: 'Support', quantity: '3', unitPrice: '100.00', taxRate: '0' }],
  });
  const estimate = await issueDocument(world, { customerId, type: 'ESTIMATE' });
  await world.staff(
    'mutation($id: ID!, $input: PaymentInput!) { recordPayment(documentId: $id, input: $input) { id } }',
    {
      id: invoice.id,
      input: { amount: '190.00', date: '2026-01-15', method: 'bank transfer', reference: 'TX-1' },
    },
  );
  const { email } = await joinedContact(world, 'erik', { customerId });
  return { customerId, email, invoice, overdue, dollars, estimate };
}

test.describe('documents in the browser', () => {
  test('lists every column, filters, sorts and pages through the URL, with totals', async ({
    page,
    world,
  }) => {
    const seeded = await customerWithDocuments(world);
    await page.goto('/sign-in');
    await signIn(page, seeded.email);
    await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
    for (const name of COLUMNS)
      await expect(page.getByRole('columnheader', { name, exact: true })).toBeVisible();
    await expect(page.getByRole('status')).toHaveText('4 documents');
    await expectAccessible(page);
    await page.screenshot({ path: '../docs/images/portal-documents-en.png', fullPage: true });

    // Totals per currency of what is shown.
    const totals = page.getByRole('region', { name: 'Totals of the filtered documents' });
    await expect(totals).toContainText('US$300.00');
    await expect(totals).toContainText('€2,594.00');

    // A filter from the form lands in the URL; Back returns to the unfiltered list.
    await page.getByText('Filters', { exact: true }).click();
    await page.getByRole('group', { name: 'Payment' }).getByText('Overdue').click();
    await expect(page.getByRole('checkbox', { name: 'Overdue' })).toBeChecked();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/payment=OVERDUE/);
    await expect(page.getByRole('status')).toHaveText('1 document');
    await expect(page.getByRole('link', { name: seeded.overdue.number })).toBeVisible();
    await page.goBack();
    await expect(page.getByRole('status')).toHaveText('4 documents');

    // A bookmarked view: US dollars only.
    await page.goto('/documents?currency=USD');
    await expect(page.getByRole('status')).toHaveText('1 document');
    await expect(page.getByRole('link', { name: seeded.dollars.number })).toBeVisible();

    // Sorting by a column, both ways.
    await page.goto('/documents');
    await page.getByRole('button', { name: 'Balance due' }).click();
    await expect(page).toHaveURL(/sort=BALANCE_DUE&dir=asc/);
    await expect(page.getByRole('columnheader', { name: 'Balance due' })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    const firstNumber = () => page.getByRole('row').nth(1).getByRole('link').textContent();
    // An estimate owes nothing; then 214.00, 300.00 and 1,000.00 (amounts compared as numbers).
    await expect.poll(firstNumber).toBe(seeded.estimate.number);
    await page.getByRole('button', { name: 'Balance due' }).click();
    await expect(page.getByRole('columnheader', { name: 'Balance due' })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    await expect.poll(firstNumber).toBe(seeded.invoice.number);

    // German: the same list in German words and numbers.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await expect(page.getByRole('heading', { name: 'Dokumente' })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: 'Offen' })).toBeVisible();
    await expect(
      page.getByRole('region', { name: 'Summen der gefilterten Dokumente' }),
    ).toContainText('2.594,00');
    await page.screenshot({ path: '../docs/images/portal-documents-de.png', fullPage: true });
  });

  test('opens a document: lines, tax, payments, comment, PDF; answers an estimate', async ({
    page,
    world,
  }) => {
    const seeded = await customerWithDocuments(world);
    await page.goto(`/documents/${seeded.invoice.id}`);
    await signIn(page, seeded.email);
    await expect(
      page.getByRole('heading', { name: `Invoice ${seeded.invoice.number}` }),
    ).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Consulting' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Tax breakdown' })).toContainText('€190.00');
    await expect(page.getByRole('region', { name: 'Payments' })).toContainText('TX-1');
    await expectAccessible(page);

    await page.getByRole('textbox', { name: 'Comment' }).fill('Paid the rest today.');
    await page.getByRole('button', { name: 'Post comment' }).click();
    await expect(
      page.getByRole('region', { name: 'Comments' }).getByText('Paid the rest today.'),
    ).toBeVisible();

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download PDF' }).click();
    const pdf = await readFile((await (await downloading).path())!);
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    // The download is a retrieval, as through the API.
    await page.reload();
    await expect(page.getByRole('definition').filter({ hasText: /\d{4}/ }).last()).not.toHaveText(
      'Not yet',
    );
    const { document } = await world.staff<{ document: { firstRetrievedAt: string | null } }>(
      'query($id: ID!) { document(id: $id) { firstRetrievedAt } }',
      { id: seeded.invoice.id },
    );
    expect(document.firstRetrievedAt).not.toBeNull();

    await page.goto(`/documents/${seeded.estimate.id}`);
    await page.getByRole('textbox', { name: 'Note with your answer (optional)' }).fill('Go ahead.');
    await page.getByRole('button', { name: 'Accept' }).click();
    await expect(page.getByText('Accepted', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Accept' })).toHaveCount(0);
  });

  test('shows the statement; a contact without permissions gets no such controls', async ({
    page,
    world,
  }) => {
    const seeded = await customerWithDocuments(world);
    await page.goto('/statement');
    await signIn(page, seeded.email);
    await expect(page.getByRole('heading', { name: 'Account statement' })).toBeVisible();
    await expect(page.getByRole('link', { name: seeded.overdue.number })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Balances per currency' })).toContainText(
      'US$300.00',
    );
    await expectAccessible(page);
    // The PDF the business would email, rendered on request.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download PDF' }).click();
    const statementPdf = await readFile((await (await downloading).path())!);
    expect(statementPdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Printed (or saved as PDF): the letterhead and the statement, no navigation or buttons.
    await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();
    await expect(page.getByRole('img', { name: world.brandName })).toBeVisible();
    await expect(page.getByRole('link', { name: seeded.overdue.number })).toBeVisible();
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: 'Sign out' }).click();

    const { createAccessLevel } = await world.staff<{ createAccessLevel: { id: string } }>(
      'mutation($input: AccessLevelInput!) { createAccessLevel(input: $input) { id } }',
      { input: { name: `Read only ${Date.now()}`, permissions: ['VIEW_DOCUMENTS'] } },
    );
    const reader = await joinedContact(world, 'reader', {
      customerId: seeded.customerId,
      accessLevelId: createAccessLevel.id,
    });
    await page.goto(`/documents/${seeded.estimate.id}`);
    await signIn(page, reader.email);
    await expect(
      page.getByRole('heading', { name: `Estimate ${seeded.estimate.number}` }),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Download PDF' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Accept' })).toHaveCount(0);
    await expect(page.getByRole('textbox', { name: 'Comment' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Payments' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Statement' })).toHaveCount(0);
  });

  test("cannot open another customer's document, and a revoked contact is sent to sign-in", async ({
    page,
    world,
  }) => {
    const seeded = await customerWithDocuments(world);
    const foreign = await issueDocument(world); // the world's own customer, not Erik's
    const { email, accessId } = await joinedContact(world, 'frida', {
      customerId: seeded.customerId,
    });
    await page.goto(`/documents/${foreign.id}`);
    await signIn(page, email);
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
    await expectAccessible(page);

    await page.goto('/documents');
    await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
    await world.staff('mutation($id: ID!) { revokePortalAccess(id: $id) { id } }', {
      id: accessId,
    });
    await page.getByRole('link', { name: seeded.invoice.number }).click();
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test('is a readable list on a phone, without sideways scrolling', async ({ page, world }) => {
    const seeded = await customerWithDocuments(world);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/documents');
    await signIn(page, seeded.email);
    await expect(page.getByRole('link', { name: seeded.invoice.number })).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.goto(`/documents/${seeded.invoice.id}`);
    await expect(
      page.getByRole('heading', { name: `Invoice ${seeded.invoice.number}` }),
    ).toBeVisible();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await page.screenshot({ path: '../docs/images/portal-document-phone.png', fullPage: true });
  });

  test('changes names, language and password on the profile, by keyboard', async ({
    page,
    world,
  }) => {
    const { email } = await joinedContact(world, 'gina');
    await page.goto('/profile');
    await signIn(page, email);
    await expect(page.getByRole('heading', { name: 'Profile' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Email' })).toHaveValue(email);
    await expectAccessible(page);
    await page.getByRole('textbox', { name: 'First name' }).fill('Gina');
    await page.getByRole('textbox', { name: 'Last name' }).fill('Meyer');
    await page.getByRole('textbox', { name: 'Last name' }).press('Enter');
    await expect(page.getByRole('banner')).toContainText('Gina Meyer');

    await page.getByRole('textbox', { name: 'Current password' }).fill('wrong password here');
    await page.getByRole('textbox', { name: 'New password' }).fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByText('This is not your current password.')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'New password' })).toHaveValue(
      'a brand new passphrase',
    );

    await page.getByText('Attach the PDF to that email').click();
    await expect(
      page.getByRole('checkbox', { name: 'Attach the PDF to that email' }),
    ).not.toBeChecked();
    await expect(page.getByRole('region', { name: 'Emails' }).getByRole('status')).toHaveText(
      'Saved.',
    );

    // Keyboard: the language select is reachable and switches the whole page.
    await page.getByRole('combobox', { name: 'Language' }).focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('heading', { name: 'Profil' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Profil' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();
  });
});
