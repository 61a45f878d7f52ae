import { graphqlData, grantAndJoin, registerOrganization } from '@portico/local-infra';
import {
  emailedLink,
  expect,
  expectAccessible,
  issueDocument,
  joinedContact,
  signIn,
  smsCode,
  test,
  TEST_PASSWORD,
} from './portal-world';

// The world's BRAND_COLOUR as the browser computes it.
const BRAND_RGB = 'rgb(11, 110, 79)';

test.describe('a contact in the browser', () => {
  test('activates the invitation with the SMS code, and a used link says so', async ({
    page,
    world,
  }) => {
    const email = `anna-${Date.now().toString(36)}@${world.organization}.example`;
    const phone = `+49151${String(Date.now()).slice(-8)}`;
    await world.staff(
      'mutation($c: ID!, $input: GrantAccessInput!) { grantPortalAccess(customerId: $c, input: $input) { id } }',
      { c: world.customerId, input: { email, phone, firstName: 'Anna', lastName: 'Weber' } },
    );
    const link = await emailedLink(
      world,
      email,
      `Your customer portal at ${world.organization}`,
      '/accept-invitation',
    );
    const code = await smsCode(world.running.sms, phone);

    await page.goto(link);
    await expect(page.getByRole('heading', { name: 'Activate your access' })).toBeVisible();
    // The link names the organization: its logo and colour before anyone signs in.
    expect(link).toContain(`organization=${world.organizationId}`);
    await expect(page.getByRole('img', { name: world.brandName })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Activate' })).toHaveCSS(
      'background-color',
      BRAND_RGB,
    );
    await expectAccessible(page);
    await page.getByRole('textbox', { name: 'Code from SMS' }).fill('WRONG9');
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Activate' }).click();
    // The server's complaint sits next to its field, and what was typed stays.
    await expect(page.getByText('This code is not right; check the SMS')).toBeVisible();
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue(TEST_PASSWORD);

    await page.getByRole('textbox', { name: 'Code from SMS' }).fill(code);
    await page.getByRole('button', { name: 'Activate' }).click();
    await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await expect(
      page.getByRole('banner').getByRole('img', { name: world.brandName }),
    ).toBeVisible();

    await page.goto(link);
    await expect(page.getByRole('alert')).toContainText('This invitation was already used');
  });

  test('shows no code field when no SMS was sent, and says a superseded link is old', async ({
    page,
    world,
  }) => {
    const email = `ben-${Date.now().toString(36)}@${world.organization}.example`;
    const { grantPortalAccess } = await world.staff<{ grantPortalAccess: { id: string } }>(
      'mutation($c: ID!, $input: GrantAccessInput!) { grantPortalAccess(customerId: $c, input: $input) { id } }',
      { c: world.customerId, input: { email } },
    );
    const subject = `Your customer portal at ${world.organization}`;
    const first = await emailedLink(world, email, subject, '/accept-invitation');
    await page.goto(first);
    await expect(page.getByRole('button', { name: 'Activate' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Code from SMS' })).toHaveCount(0);

    await world.staff('mutation($id: ID!) { resendInvitation(id: $id) { id } }', {
      id: grantPortalAccess.id,
    });
    const second = await emailedLink(world, email, subject, '/accept-invitation', 2);
    expect(second).not.toBe(first);
    await page.goto(first);
    await expect(page.getByRole('alert')).toContainText('A newer invitation was sent to you');
  });

  test('signs in, lands where it was headed, survives a reload and signs out everywhere', async ({
    page,
    world,
  }) => {
    const { email } = await joinedContact(world, 'carla');
    const invoice = await issueDocument(world);

    await page.goto(`/documents/${invoice.id}`);
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    await expectAccessible(page);
    await signIn(page, email, 'not the password');
    await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');
    await signIn(page, email);
    await expect(page).toHaveURL(`/documents/${invoice.id}`);
    await expect(page.getByRole('heading', { name: `Invoice ${invoice.number}` })).toBeVisible();

    // The access token is only in memory; the HttpOnly cookie brings the session back.
    await page.reload();
    await expect(page.getByRole('heading', { name: `Invoice ${invoice.number}` })).toBeVisible();
    const cookies = await page.context().cookies();
    const refresh = cookies.find((cookie) => cookie.name === 'portico_refresh');
    expect(refresh).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/graphql' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('portico_refresh');
    expect(
      await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage })),
    ).not.toMatch(/ey[\w-]+\.ey/);

    const other = await page.context().newPage();
    await other.goto('/documents');
    await expect(other.getByRole('heading', { name: 'Documents' })).toBeVisible();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL('/sign-in');
    await expect(other).toHaveURL(/\/sign-in/);
    await page.goto('/documents');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fdocuments/);
  });

  test('resets a forgotten password from the emailed link', async ({ page, world }) => {
    const { email } = await joinedContact(world, 'dora');
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    // The sign-in page (with its own Email field) stays until the next page has loaded.
    await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
    await page.getByRole('textbox', { name: 'Email' }).fill(email);
    await page.getByRole('button', { name: 'Send link' }).click();
    await expect(page.getByRole('status')).toContainText(email);
    await expectAccessible(page);

    const link = await emailedLink(world, email, 'Reset', '/reset-password');
    await page.goto(link);
    await expect(page.getByRole('heading', { name: 'Set a new password' })).toBeVisible();
    await expectAccessible(page);
    const newPassword = 'another long passphrase';
    await page.getByRole('textbox', { name: 'New password' }).fill(newPassword);
    await page.getByRole('button', { name: 'Set password' }).click();
    await expect(page.getByRole('status')).toContainText('Your new password is set');
    await page.goto('/sign-in');
    await signIn(page, email, newPassword);
    await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
  });

  test('asks for the organization only when the email belongs to several', async ({
    page,
    world,
  }) => {
    const { email } = await joinedContact(world, 'emil');
    // The same person is a contact of a second business too.
    const otherSlug = `other-${Date.now().toString(36)}`;
    const other = await registerOrganization(world.gateway, otherSlug);
    const { createCustomer } = await graphqlData<{ createCustomer: { id: string } }>(
      world.gateway,
      'mutation($input: CustomerInput!) { createCustomer(input: $input) { id } }',
      { input: { type: 'COMPANY', companyName: 'Other Trading AG' } },
      { token: other.accessToken },
    );
    await grantAndJoin(world.running, other.accessToken, otherSlug, createCustomer.id, { email });

    await page.goto('/documents');
    await expect(page.getByRole('textbox', { name: 'Organization' })).toHaveCount(0);
    await signIn(page, email);
    const organization = page.getByRole('textbox', { name: 'Organization' });
    await expect(organization).toBeVisible();
    await expect(page.getByText('Your email belongs to several organizations')).toBeVisible();
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue(TEST_PASSWORD);
    await expectAccessible(page);
    await organization.fill(world.organization);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
    await expect(
      page.getByRole('banner').getByRole('img', { name: world.brandName }),
    ).toBeVisible();
  });

  test('sends an ended session to sign-in and back to the same view', async ({ page, world }) => {
    const { email } = await joinedContact(world, 'finn');
    await issueDocument(world);
    await page.clock.install();
    await page.goto('/documents?currency=EUR');
    await signIn(page, email);
    await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
    await expect(page).toHaveURL('/documents?currency=EUR');

    // The session ends on the server (its cookie is gone) and the access token runs out.
    await page.context().clearCookies();
    await page.clock.fastForward('01:00:00');
    await page.getByRole('button', { name: 'Number' }).click();
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    await expect(page.getByRole('status')).toHaveText(
      'Your session has ended. Sign in again to continue where you were.',
    );
    await signIn(page, email);
    // The view it was changing to: the filter and the new sort.
    await expect(page).toHaveURL('/documents?currency=EUR&sort=NUMBER&dir=asc');
    await expect(page.getByRole('columnheader', { name: 'Number' })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
  });
});
