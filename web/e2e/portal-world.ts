import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';
import {
  acceptInvitation,
  emailTo,
  eventually,
  graphqlData,
  linkToken,
  grantAndJoin,
  issueInvoice,
  registerOrganization,
  smsCode,
  startTestPlatform,
  TEST_PUBLIC_URL,
  TEST_PASSWORD,
  type TestPlatform,
} from '@portico/local-infra';

/**
 * One platform per Playwright worker, and an organization with a customer to share documents
 * with. Tests reach the portal at the gateway's own address; emails carry the test PUBLIC_URL,
 * whose path and query the tests follow here.
 */
export interface PortalWorld {
  running: TestPlatform;
  gateway: string;
  baseURL: string;
  organization: string;
  /** The organization's id, as its emails' links name it. */
  organizationId: string;
  /** The name its emails and pages show. */
  brandName: string;
  ownerToken: string;
  /** The owner signs in with this and TEST_PASSWORD. */
  ownerEmail: string;
  customerId: string;
  /** Runs a GraphQL operation as staff (the owner). */
  staff<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

let organizations = 0;

/** The organization's logo: a small mark in its colour. */
export const LOGO =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAGAAAAAgCAIAAABiouoDAAAAXUlEQVR42u3WsREAEBBFQblGhEJd6ET/GQWImXH2z1WwwZtLefSjNx9fAgQIECBAgLaV2p44QIAAxQQSaUCAAP3+BwECBOhfIJEGBAhQzEgDAgQIkEgDAgQIEKALW2WLG+ODlfUmAAAAAElFTkSuQmCC';
export const BRAND_COLOUR = '#0b6e4f';

async function createWorld(): Promise<PortalWorld> {
  const running = await startTestPlatform('web', 5600);
  const gateway = running.platform.gatewayUrl;
  const organization = `web-${Date.now().toString(36)}-${organizations++}`;
  const owner = await registerOrganization(gateway, organization);
  const staff = <T>(query: string, variables: Record<string, unknown> = {}) =>
    graphqlData<T>(gateway, query, variables, { token: owner.accessToken });
  const { me } = await staff<{ me: { organization: { id: string } } }>(
    'query { me { organization { id } } }',
  );
  const { updateBranding } = await staff<{ updateBranding: { name: string } }>(
    'mutation($input: BrandingInput!) { updateBranding(input: $input) { name } }',
    { input: { colour: BRAND_COLOUR, logo: LOGO } },
  );
  const { createCustomer } = await staff<{ createCustomer: { id: string } }>(
    'mutation($input: CustomerInput!) { createCustomer(input: $input) { id } }',
    {
      input: {
        type: 'COMPANY',
        companyName: 'Acme Trading GmbH',
        email: `billing@${organization}.example`,
      },
    },
  );
  return {
    running,
    gateway,
    baseURL: new URL(gateway).origin,
    organization,
    organizationId: me.organization.id,
    brandName: updateBranding.name,
    ownerToken: owner.accessToken,
    ownerEmail: owner.user.email,
    customerId: createCustomer.id,
    staff,
  };
}

export type DocumentSeed = NonNullable<Parameters<typeof issueInvoice>[3]> & {
  customerId?: string;
};

/** Issues a document (two hours of consulting unless told) to the world's customer or another. */
export function issueDocument(world: PortalWorld, { customerId, ...seed }: DocumentSeed = {}) {
  return issueInvoice(world.gateway, world.ownerToken, customerId ?? world.customerId, {
    lines: [{ description: 'Consulting', quantity: '2', unitPrice: '500.00', taxRate: '19' }],
    ...seed,
  });
}

/** A new contact of the world's customer, signed up through the API; returns their email. */
export async function joinedContact(
  world: PortalWorld,
  name: string,
  options: { accessLevelId?: string; customerId?: string } = {},
): Promise<{ email: string; accessId: string }> {
  const email = `${name}-${Date.now().toString(36)}@${world.organization}.example`;
  const { accessId } = await grantAndJoin(
    world.running,
    world.ownerToken,
    world.organization,
    options.customerId ?? world.customerId,
    { email, ...(options.accessLevelId ? { accessLevelId: options.accessLevelId } : {}) },
  );
  return { email, accessId };
}

/**
 * A new staff user of the world's organization, invited by the owner through the API and
 * signed up from the emailed link; returns their email and id.
 */
export async function joinedStaff(
  world: PortalWorld,
  role: 'ADMIN' | 'SPECIALIST',
  firstName: string,
  lastName: string,
): Promise<{ email: string; id: string }> {
  const email = `${firstName.toLowerCase()}-${Date.now().toString(36)}@${world.organization}.example`;
  const { createStaffUser } = await world.staff<{ createStaffUser: { id: string } }>(
    'mutation($input: CreateStaffUserInput!) { createStaffUser(input: $input) { id } }',
    { input: { email, role, firstName, lastName } },
  );
  const mail = await emailTo(world.running.mailbox, email, 'You are invited to');
  const accepted = await acceptInvitation(
    world.gateway,
    linkToken(mail, '/accept-invitation'),
    null,
  );
  if (!accepted.data) throw new Error(`staff sign-up failed: ${JSON.stringify(accepted.errors)}`);
  return { email, id: createStaffUser.id };
}

/** Signs in through the page, as a person does. */
export async function signIn(page: Page, email: string, password = TEST_PASSWORD) {
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** axe-core on the page as it is: no serious or critical violation. */
export async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(serious).toEqual([]);
}

/**
 * The path and query of the link to `path` in the `nth` email (1: the first) to `to` whose
 * subject starts with `subject`, from its text part. Emails carry the test PUBLIC_URL; the
 * tests follow the path here.
 */
export async function emailedLink(
  world: PortalWorld,
  to: string,
  subject: string,
  path: string,
  nth = 1,
) {
  const { mailbox } = world.running;
  const matching = () =>
    mailbox.messages.filter(
      (mail) => mail.subject?.startsWith(subject) === true && JSON.stringify(mail.to).includes(to),
    );
  const mail = await eventually(async () => matching()[nth - 1]);
  const link = new RegExp(`${TEST_PUBLIC_URL}(${path}\\?\\S+)`).exec(mail.text ?? '');
  if (!link) throw new Error(`no ${path} link in: ${mail.text}`);
  return link[1]!;
}

export { smsCode, TEST_PASSWORD };

export const test = base.extend<{ world: PortalWorld }, { workerWorld: PortalWorld }>({
  workerWorld: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const world = await createWorld();
      await use(world);
      await world.running.stop();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  world: async ({ workerWorld }, use) => use(workerWorld),
  baseURL: async ({ workerWorld }, use) => use(workerWorld.baseURL),
  launchOptions: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) =>
      use({
        executablePath: process.env.CHROMIUM_PATH,
        args: ['--no-sandbox', '--disable-dev-shm-usage'],
      }),
    { scope: 'worker' },
  ],
});

export { expect };
