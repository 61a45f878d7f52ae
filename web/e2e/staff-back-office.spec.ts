import {
  emailedLink,
  expect,
  expectAccessible,
  signIn,
  smsCode,
  test,
  TEST_PASSWORD,
} from './portal-world';

test.describe('the owner in the back office', () => {
  test('creates a customer, invites a contact, issues an invoice, records a payment and sees the email and the download', async ({
    page,
    browser,
    world,
  }) => {
    const stamp = Date.now().toString(36);
    const companyName = `Weber Logistik ${stamp}`;
    const contactEmail = `anna-${stamp}@${world.organization}.example`;
    const phone = `+49152${String(Date.now()).slice(-8)}`;

    await page.goto('/sign-in');
    await signIn(page, world.ownerEmail);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Customers' }).click();
    await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();
    await expectAccessible(page);

    // A company without its name is refused next to the field; the server refuses a bad VAT ID.
    await page.getByRole('link', { name: 'New customer' }).click();
    await page.getByLabel('Type').selectOption({ label: 'Company' });
    await page.getByRole('textbox', { name: 'VAT ID' }).fill('12');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('textbox', { name: 'Company name' })).toHaveAccessibleDescription(
      /Required/,
    );
    await page.getByRole('textbox', { name: 'Company name' }).fill(companyName);
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill(`ap@${stamp}.example`);
    await page.getByRole('textbox', { name: 'Street' }).fill('Hafenstraße 1');
    await page.getByRole('textbox', { name: 'Postal code' }).fill('20457');
    await page.getByRole('textbox', { name: 'City' }).fill('Hamburg');
    await page.getByRole('textbox', { name: 'Country' }).fill('DE');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('textbox', { name: 'VAT ID' })).toHaveAccessibleDescription(
      /country prefix/,
    );
    await expect(page.getByRole('textbox', { name: 'City' })).toHaveValue('Hamburg');
    await expectAccessible(page);
    await page.getByRole('textbox', { name: 'VAT ID' }).fill('DE123456789');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('heading', { name: companyName, level: 1 })).toBeVisible();
    const customerId = /\/customers\/([^/?]+)$/.exec(page.url())![1]!;

    // The invitation goes out by email, its code by SMS.
    await page.getByRole('button', { name: 'Invite contact' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite contact' });
    await dialog.getByRole('textbox', { name: 'Email' }).fill(contactEmail);
    await dialog.getByRole('textbox', { name: 'Phone' }).fill(phone);
    await dialog.getByRole('textbox', { name: 'First name' }).fill('Anna');
    await dialog.getByRole('textbox', { name: 'Last name' }).fill('Weber');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Invite' }).click();
    await expect(dialog).toBeHidden();
    const contactRow = page
      .getByRole('table', { name: 'Contacts' })
      .getByRole('row')
      .filter({ hasText: contactEmail });
    await expect(contactRow).toContainText('Invited');
    await expectAccessible(page);

    const invitation = await emailedLink(
      world,
      contactEmail,
      `Your customer portal at ${world.organization}`,
      '/accept-invitation',
    );
    const contact = await browser.newContext({ baseURL: world.baseURL });
    const contactPage = await contact.newPage();
    await contactPage.goto(invitation);
    await contactPage
      .getByRole('textbox', { name: 'Code from SMS' })
      .fill(await smsCode(world.running.sms, phone));
    await contactPage.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await contactPage.getByRole('button', { name: 'Activate' }).click();
    await expect(contactPage.getByRole('heading', { name: 'Documents' })).toBeVisible();
    await page.reload();
    await expect(contactRow).toContainText('Active');
    await page.screenshot({ path: '../docs/images/staff-customer.png', fullPage: true });

    // An invoice written line by line; the totals follow the typing.
    await page.getByRole('link', { name: 'New document' }).click();
    await expect(page.getByRole('combobox', { name: 'Customer' })).toHaveValue(
      new RegExp(companyName),
    );
    const line1 = page.getByRole('group', { name: 'Line 1' });
    await line1.getByRole('textbox', { name: 'Description' }).fill('Freight Hamburg–Berlin');
    await line1.getByRole('textbox', { name: 'Quantity' }).fill('3');
    await line1.getByRole('textbox', { name: 'Unit price' }).fill('0,335');
    await expect(line1).toContainText('€1.01'); // 1.005 rounds half away from zero
    await page.getByRole('button', { name: 'Add line' }).click();
    const line2 = page.getByRole('group', { name: 'Line 2' });
    await line2.getByRole('textbox', { name: 'Description' }).fill('Insurance');
    await line2.getByRole('textbox', { name: 'Unit price' }).fill('1e3');
    await expect(line2.getByRole('textbox', { name: 'Unit price' })).toHaveAccessibleDescription(
      /Enter a number such as/,
    );
    await line2.getByRole('textbox', { name: 'Unit price' }).fill('1000');
    await line2.getByRole('textbox', { name: 'Tax rate' }).fill('7');
    const totals = page.locator('.editor-totals');
    await expect(totals).toContainText('€1,071.20'); // 1.01 + 0.19 + 1000 + 70
    await page.screenshot({ path: '../docs/images/staff-document-editor.png', fullPage: true });
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Draft saved.' })).toBeVisible();
    await expect(page).toHaveURL(/\/documents\/[^/]+\/edit$/);

    // The draft is found again by its status, and edited from its page.
    await nav.getByRole('link', { name: 'Documents' }).click();
    await page.getByText('Filters', { exact: true }).click();
    await page.getByRole('form', { name: 'Filters' }).getByText('Draft', { exact: true }).click();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/status=DRAFT/);
    const draftRow = page.getByRole('row').filter({ hasText: companyName });
    await expect(draftRow).toContainText('Draft');
    await draftRow.getByRole('link', { name: '(draft)' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Invoice (draft)' })).toBeVisible();
    await page.getByRole('link', { name: 'Edit draft' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Edit draft' })).toBeVisible();
    await expect(
      page.getByRole('group', { name: 'Line 2' }).getByRole('textbox', { name: 'Tax rate' }),
    ).toHaveValue('7');

    await page.getByRole('button', { name: 'Issue' }).click();
    const question = page.getByRole('dialog', { name: /Issue this Invoice/i });
    await expect(question).toContainText('Its number is assigned now');
    await expect(question).toContainText('€1,071.20');
    await expectAccessible(page);
    await question.getByRole('button', { name: 'Issue' }).click();
    const heading = page.getByRole('heading', { level: 1, name: /^Invoice INV-/ });
    await expect(heading).toBeVisible();
    const number = (await heading.textContent())!.replace('Invoice ', '').trim();
    const documentId = /\/documents\/([^/?]+)$/.exec(page.url())![1]!;
    // The server's totals are the editor's.
    const { document } = await world.staff<{ document: { grossTotal: string; taxTotal: string } }>(
      'query($id: ID!) { document(id: $id) { grossTotal taxTotal } }',
      { id: documentId },
    );
    expect(document).toEqual({ grossTotal: '1071.20', taxTotal: '70.19' });
    await expectAccessible(page);

    // The contact gets it and downloads the PDF.
    await contactPage.reload();
    await contactPage.getByRole('link', { name: number }).click();
    const download = contactPage.waitForEvent('download');
    await contactPage.getByRole('button', { name: 'Download PDF' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.pdf$/);

    // An overpayment is refused with the reason; a part payment is recorded.
    await page.getByRole('button', { name: 'Record payment' }).click();
    const payment = page.getByRole('dialog', { name: 'Record payment' });
    await payment.getByRole('textbox', { name: 'Amount' }).fill('2000');
    await payment.getByRole('button', { name: 'Save' }).click();
    await expect(payment.getByRole('textbox', { name: 'Amount' })).toHaveAccessibleDescription(
      /More than the balance due of 1071.20/,
    );
    await payment.getByRole('textbox', { name: 'Amount' }).fill('500');
    await payment.getByRole('textbox', { name: 'Reference' }).fill('Bank 2026-12');
    await payment.getByRole('button', { name: 'Save' }).click();
    await expect(payment).toBeHidden();
    await expect(page.getByText('Partly paid')).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: 'Bank 2026-12' })).toContainText(
      '€500.00',
    );
    await expect(page.getByText('(downloaded once)')).toBeVisible();

    // The email history shows the document's email to the contact, sent.
    await nav.getByRole('link', { name: 'Emails' }).click();
    await page.getByLabel('Kind').selectOption({ label: 'New document' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/kind=DOCUMENT_ISSUED/);
    await expect(page.getByRole('row').filter({ hasText: 'Invitation' })).toHaveCount(0);
    const sent = page.getByRole('row').filter({ hasText: contactEmail });
    await expect(sent).toContainText('Sent');
    await expect(sent.getByRole('link', { name: new RegExp(number) })).toBeVisible();
    await expectAccessible(page);

    // The audit trail says who downloaded what, from where.
    await nav.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByLabel('Action').selectOption({ label: 'Document downloaded' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(
      page.getByText(new RegExp(`Anna Weber downloaded ${number} from \\S+`)),
    ).toBeVisible();
    await expectAccessible(page);

    // The customer's page lists its emails; a statement sent from there joins them.
    await page.goto(`/customers/${customerId}`);
    await expect(page.getByRole('table', { name: 'Email history' })).toContainText(number);
    await page.getByRole('button', { name: 'Send account statement' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'The statement is on its way' }),
    ).toBeVisible();
    await expect(
      page
        .getByRole('table', { name: 'Email history' })
        .getByRole('row')
        .filter({ hasText: 'Account statement' }),
    ).toContainText('Sent', { timeout: 20_000 });
    await contact.close();
  });
});
