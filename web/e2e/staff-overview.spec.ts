import { eventually } from '@portico/local-infra';
import { expect, expectAccessible, issueDocument, signIn, test } from './portal-world';

test.describe('the overview', () => {
  test('links each figure to the list behind it', async ({ page, world }) => {
    const stamp = Date.now().toString(36);
    const invited = `invited-${stamp}@${world.organization}.example`;
    const bounced = `bounced-${stamp}@${world.organization}.example`;
    const grant = (email: string) =>
      world.staff(
        'mutation($c: ID!, $input: GrantAccessInput!) { grantPortalAccess(customerId: $c, input: $input) { id } }',
        { c: world.customerId, input: { email } },
      );
    // The SMTP server refuses the next email: the bounced contact's invitation.
    world.running.mailbox.failNext(1, 550, 'No such user here');
    await grant(bounced);
    await eventually(async () => {
      const { emailHistory } = await world.staff<{
        emailHistory: { edges: { node: { to: string } }[] };
      }>('{ emailHistory(status: FAILED) { edges { node { to } } } }');
      return emailHistory.edges.some(({ node }) => node.to === bounced);
    });
    await grant(invited);
    await issueDocument(world, { issueDate: '2026-09-01', dueDate: '2026-09-15' }); // overdue
    const { overdue } = await world.staff<{
      overdue: { totalCount: number; totals: { currency: string; balanceDue: string }[] };
    }>(
      '{ overdue: documents(filter: { paymentStates: [OVERDUE] }) { totalCount totals { currency balanceDue } } }',
    );

    await page.goto('/sign-in');
    await signIn(page, world.ownerEmail);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Overview' })
      .click();
    await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
    await expectAccessible(page);
    const overdueTile = page.getByRole('link', { name: /^Overdue: / });
    await expect(overdueTile).toContainText(`${overdue.totalCount} document`);
    // Other tests of this worker leave overdue documents too: the server's totals, as shown.
    for (const { currency, balanceDue } of overdue.totals)
      await expect(overdueTile).toContainText(
        new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(Number(balanceDue)),
      );
    await overdueTile.click();
    await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: /documents?$/ })).toHaveText(
      `${overdue.totalCount} document${overdue.totalCount === 1 ? '' : 's'}`,
    );
    await expect(page.getByRole('checkbox', { name: 'Overdue' })).toBeChecked();

    // Documents issued this month: drafts left out, the same count on the list behind it.
    const today = new Date().toISOString().slice(0, 10);
    await issueDocument(world, { issueDate: today });
    await world.staff('mutation($input: DocumentInput!) { createDocument(input: $input) { id } }', {
      input: {
        customerId: world.customerId,
        type: 'INVOICE',
        currency: 'EUR',
        issueDate: today,
        lines: [{ description: 'Draft', quantity: '1', unitPrice: '10.00', taxRate: '19' }],
      },
    });
    const monthStart = today.slice(0, 8) + '01';
    const nextMonth = new Date();
    nextMonth.setUTCDate(1);
    nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1);
    const monthEnd = new Date(nextMonth.getTime() - 86_400_000).toISOString().slice(0, 10);
    const { issued } = await world.staff<{ issued: { totalCount: number } }>(
      `{ issued: documents(filter: { issueDateFrom: "${monthStart}", issueDateTo: "${monthEnd}", statuses: [ISSUED, PARTIALLY_PAID, PAID, VOID, ACCEPTED, DECLINED] }) { totalCount } }`,
    );
    expect(issued.totalCount).toBeGreaterThan(0);
    await page.goBack();
    await page.reload(); // the overview again, with the two documents above
    const issuedTile = page.getByRole('link', { name: /^Documents issued this month/ });
    await expect(issuedTile).toContainText(String(issued.totalCount));
    await issuedTile.click();
    await expect(page.getByRole('status').filter({ hasText: /documents?$/ })).toHaveText(
      `${issued.totalCount} document${issued.totalCount === 1 ? '' : 's'}`,
    );
    await expect(page.getByRole('checkbox', { name: 'Draft' })).not.toBeChecked();
    await expect(page.getByRole('checkbox', { name: 'Issued' })).toBeChecked();

    await page.goBack();
    await page.getByRole('link', { name: /Contacts invited, not yet active/ }).click();
    await expect(page.getByRole('heading', { name: 'Contacts', level: 1 })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: invited })).toContainText('Invited');
    await expectAccessible(page);

    await page.goBack();
    await page.getByRole('link', { name: /Emails failed in the last 7 days/ }).click();
    const failed = page.getByRole('row').filter({ hasText: bounced });
    await expect(failed).toContainText('Failed', { timeout: 20_000 });
    await expect(failed).toContainText('550 No such user here');
    await expect(page.getByRole('row').filter({ hasText: invited })).toHaveCount(0);
    await expectAccessible(page);
  });
});
