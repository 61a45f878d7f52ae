import { acceptInvitation, emailTo, linkToken } from '@portico/local-infra';
import { expect, expectAccessible, signIn, test } from './portal-world';

test.describe('the team page', () => {
  test('an owner invites staff, changes their role and disables them', async ({ page, world }) => {
    const email = `berta-${Date.now().toString(36)}@${world.organization}.example`;
    await page.goto('/sign-in');
    await signIn(page, world.ownerEmail);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Team' })
      .click();
    await expect(page.getByRole('heading', { name: 'Team', level: 1 })).toBeVisible();
    // The owner is listed, without controls over themselves.
    const ownerRow = page.getByRole('row').filter({ hasText: world.ownerEmail });
    await expect(ownerRow).toContainText('Owner');
    await expect(ownerRow.getByRole('button')).toHaveCount(0);

    await page.getByRole('button', { name: 'Invite staff' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite staff' });
    await dialog.getByRole('textbox', { name: 'Email' }).fill('not an email');
    await dialog.getByRole('button', { name: 'Invite' }).click();
    await expect(dialog.getByRole('textbox', { name: 'Email' })).toHaveAccessibleDescription(
      /valid email/,
    );
    await dialog.getByRole('textbox', { name: 'Email' }).fill(email);
    await dialog.getByRole('textbox', { name: 'First name' }).fill('Berta');
    await dialog.getByRole('textbox', { name: 'Last name' }).fill('Buchhalter');
    await dialog.getByLabel('Role').selectOption({ label: 'Admin' });
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Invite' }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole('row').filter({ hasText: email });
    await expect(row).toContainText('Admin');
    await expect(row).toContainText('Invited');

    const mail = await emailTo(world.running.mailbox, email, 'You are invited to');
    const joined = await acceptInvitation(
      world.gateway,
      linkToken(mail, '/accept-invitation'),
      null,
    );
    expect(joined.errors).toBeUndefined();

    await page.reload();
    await row.getByRole('button', { name: 'Change role' }).click();
    const roleDialog = page.getByRole('dialog', { name: 'Change the role of Berta Buchhalter' });
    await roleDialog.getByLabel('Role').selectOption({ label: 'Specialist' });
    await roleDialog.getByRole('button', { name: 'Save' }).click();
    await expect(roleDialog).toBeHidden();
    await expect(row).toContainText('Specialist');

    await row.getByRole('button', { name: 'Disable' }).click();
    const question = page.getByRole('dialog', { name: 'Disable Berta Buchhalter?' });
    await expect(question).toContainText('Their sessions end at once');
    await question.getByRole('button', { name: 'Disable' }).click();
    await expect(row).toContainText('Disabled');
    await expect(row.getByRole('button', { name: 'Enable' })).toBeVisible();
    await expectAccessible(page);
  });
});
