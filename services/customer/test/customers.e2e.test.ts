import mongoose from 'mongoose';
import { readRawMessages } from '@portico/kafka';
import {
  acceptInvitation,
  emailTo,
  errorCode,
  errorField,
  eventually,
  graphqlData,
  grantAndJoin,
  graphqlRequest,
  issueInvoice,
  linkToken,
  login,
  registerOrganization,
  smsCode as readSmsCode,
  startTestPlatform,
  type Auth,
  type GrantInput,
  type TestPlatform,
} from '@portico/local-infra';

/** The customer subgraph through the gateway: customers, accesses, levels, settings, deletion. */
let running: TestPlatform;
let gateway: string;

beforeAll(async () => {
  running = await startTestPlatform('customers', 4400);
  gateway = running.platform.gatewayUrl;
}, 120_000);
afterAll(() => running?.stop());

const CUSTOMER_FIELDS =
  'id number type displayName companyName firstName lastName email phone portalEnabled address { street postalCode city country } vatId taxId bankAccount { iban bic accountHolder }';
const ACCESS_FIELDS =
  'id email phone status expiresAt invitedAt activatedAt revokedAt lastLoginAt accessLevel { id name permissions } customer { id }';

interface Access {
  id: string;
  email: string;
  status: string;
  activatedAt: string | null;
  lastLoginAt: string | null;
  accessLevel: { id: string; name: string; permissions: string[] };
}

const gql = <T>(query: string, variables: Record<string, unknown>, token?: string) =>
  graphqlRequest<T>(gateway, query, variables, token ? { token } : {});

function createCustomer(token: string, input: Record<string, unknown>) {
  return gql<{ createCustomer: Record<string, unknown> & { id: string; number: string } }>(
    `mutation($input: CustomerInput!) { createCustomer(input: $input) { ${CUSTOMER_FIELDS} } }`,
    { input },
    token,
  );
}

async function newCompany(token: string, name: string): Promise<string> {
  const result = await createCustomer(token, { type: 'COMPANY', companyName: name });
  expect(result.errors).toBeUndefined();
  return result.data!.createCustomer.id;
}

function grant(token: string, customerId: string, input: Record<string, unknown>) {
  return gql<{ grantPortalAccess: Access }>(
    `mutation($c: ID!, $input: GrantAccessInput!) { grantPortalAccess(customerId: $c, input: $input) { ${ACCESS_FIELDS} } }`,
    { c: customerId, input },
    token,
  );
}

async function accessesOf(token: string, customerId: string): Promise<Access[]> {
  const { customer } = await graphqlData<{ customer: { accesses: Access[] } }>(
    gateway,
    `query($id: ID!) { customer(id: $id) { accesses { ${ACCESS_FIELDS} } } }`,
    { id: customerId },
    { token },
  );
  return customer.accesses;
}

const myCustomer = (token: string) =>
  gql<{ myCustomer: { id: string; displayName: string } | null }>(
    '{ myCustomer { id displayName } }',
    {},
    token,
  );

/** Grants access and follows the invitation to a signed-in contact. */
const inviteContact = (
  staffToken: string,
  organization: string,
  customerId: string,
  input: GrantInput,
) => grantAndJoin(running, staffToken, organization, customerId, input);

const smsCode = (phoneE164: string, nth = 1) => readSmsCode(running.sms, phoneE164, nth);

async function auditActions(
  token: string,
): Promise<{ action: string; actor: { id: string } | null }[]> {
  const { auditLog } = await graphqlData<{
    auditLog: { edges: { node: { action: string; actor: { id: string } | null } }[] };
  }>(gateway, '{ auditLog(first: 100) { edges { node { action actor { id } } } } }', {}, { token });
  return auditLog.edges.map((edge) => edge.node);
}

describe('customers', () => {
  let owner: Auth;
  beforeAll(async () => {
    owner = await registerOrganization(gateway, 'cust-basics');
  });

  it('requires the fields of each type and names the bad field', async () => {
    const t = owner.accessToken;
    const person = await createCustomer(t, { type: 'PERSON', firstName: 'Anna' });
    expect([errorCode(person), errorField(person)]).toEqual(['BAD_USER_INPUT', 'input.lastName']);
    const company = await createCustomer(t, { type: 'COMPANY', firstName: 'Anna' });
    expect(errorField(company)).toBe('input.companyName');
    const phone = await createCustomer(t, { type: 'COMPANY', companyName: 'X', phone: '0301234' });
    expect(errorField(phone)).toBe('input.phone');
    const iban = await createCustomer(t, {
      type: 'COMPANY',
      companyName: 'X',
      bankAccount: { iban: 'DE89370400440532013001' },
    });
    expect(errorField(iban)).toBe('input.bankAccount.iban');
    const { customers } = await graphqlData<{ customers: { totalCount: number } }>(
      gateway,
      '{ customers { totalCount } }',
      {},
      { token: t },
    );
    expect(customers.totalCount).toBe(0); // nothing half-written
  });

  it('generates numbers, checks given ones, normalizes and edits the data', async () => {
    const t = owner.accessToken;
    const created = await createCustomer(t, {
      type: 'COMPANY',
      companyName: 'Nordwind GmbH',
      email: ' Billing@Nordwind.example ',
      phone: '+49 30 1234567',
      address: { street: 'Hafenstr. 1', postalCode: '20457', city: 'Hamburg', country: 'de' },
      vatId: 'de123456789',
      bankAccount: { iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' },
    });
    expect(created.errors).toBeUndefined();
    const customer = created.data!.createCustomer;
    expect(customer).toMatchObject({
      number: expect.stringMatching(/^C-\d{5}$/),
      email: 'billing@nordwind.example',
      phone: '+49301234567',
      address: { country: 'DE', city: 'Hamburg' },
      vatId: 'DE123456789',
      bankAccount: { iban: 'DE89370400440532013000' },
      portalEnabled: true,
    });
    const given = await createCustomer(t, {
      type: 'PERSON',
      firstName: 'Pia',
      lastName: 'Paul',
      number: 'K-7',
    });
    expect(given.data!.createCustomer.number).toBe('K-7');
    const taken = await createCustomer(t, {
      type: 'PERSON',
      firstName: 'P',
      lastName: 'Q',
      number: 'K-7',
    });
    expect([errorCode(taken), errorField(taken)]).toEqual(['CONFLICT', 'input.number']);

    const updated = await gql<{
      updateCustomer: { displayName: string; number: string; phone: string | null };
    }>(
      `mutation($id: ID!, $input: CustomerInput!) { updateCustomer(id: $id, input: $input) { displayName number phone } }`,
      { id: customer.id, input: { type: 'COMPANY', companyName: 'Nordwind AG' } },
      t,
    );
    expect(updated.data!.updateCustomer).toEqual({
      displayName: 'Nordwind AG',
      number: customer.number,
      phone: null,
    });
    const renumber = await gql(
      `mutation($id: ID!, $input: CustomerInput!) { updateCustomer(id: $id, input: $input) { id } }`,
      { id: customer.id, input: { type: 'COMPANY', companyName: 'Nordwind AG', number: 'K-7' } },
      t,
    );
    expect(errorCode(renumber)).toBe('CONFLICT');
    await eventually(async () =>
      (await auditActions(t)).some((entry) => entry.action === 'customer.updated'),
    );
  });

  it('lists with search, type filter and cursor pagination', async () => {
    const { accessToken: t } = await registerOrganization(gateway, 'cust-list');
    for (const name of ['Alpha', 'Beta', 'Gamma']) await newCompany(t, `${name} Ltd`);
    await createCustomer(t, { type: 'PERSON', firstName: 'Alma', lastName: 'Alpha' });
    const page = (after: string | null) =>
      graphqlData<{
        customers: {
          totalCount: number;
          edges: { node: { displayName: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      }>(
        gateway,
        'query($after: String) { customers(first: 2, after: $after, filter: { type: COMPANY }) { totalCount edges { node { displayName } } pageInfo { hasNextPage endCursor } } }',
        { after },
        { token: t },
      );
    const first = await page(null);
    expect(first.customers.totalCount).toBe(3);
    expect(first.customers.pageInfo.hasNextPage).toBe(true);
    const second = await page(first.customers.pageInfo.endCursor);
    const names = [...first.customers.edges, ...second.customers.edges].map(
      (e) => e.node.displayName,
    );
    expect(names).toEqual(['Gamma Ltd', 'Beta Ltd', 'Alpha Ltd']);
    const { customers } = await graphqlData<{
      customers: { edges: { node: { displayName: string } }[] };
    }>(
      gateway,
      '{ customers(filter: { search: "alpha" }) { edges { node { displayName } } } }',
      {},
      { token: t },
    );
    expect(customers.edges.map((e) => e.node.displayName).sort()).toEqual([
      'Alma Alpha',
      'Alpha Ltd',
    ]);

    // Sorted by name or number, page by page, without repeats or gaps.
    const sorted = async (sort: string) => {
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const {
          customers: got,
        }: {
          customers: {
            edges: { node: { displayName: string } }[];
            pageInfo: { endCursor: string; hasNextPage: boolean };
          };
        } = await graphqlData(
          gateway,
          `query($after: String) { customers(first: 3, after: $after, sort: ${sort}) { edges { node { displayName } } pageInfo { hasNextPage endCursor } } }`,
          { after },
          { token: t },
        );
        seen.push(...got.edges.map((e) => e.node.displayName));
        after = got.pageInfo.hasNextPage ? got.pageInfo.endCursor : null;
      } while (after);
      return seen;
    };
    expect(await sorted('{ field: NAME, direction: ASC }')).toEqual([
      'Alma Alpha',
      'Alpha Ltd',
      'Beta Ltd',
      'Gamma Ltd',
    ]);
    expect(await sorted('{ field: NUMBER, direction: DESC }')).toEqual([
      'Alma Alpha',
      'Gamma Ltd',
      'Beta Ltd',
      'Alpha Ltd',
    ]);
  });

  it("changes a level's permissions for the contacts on it, on their next request", async () => {
    const org = 'cust-level-edit';
    const { accessToken: t } = await registerOrganization(gateway, org);
    const { createAccessLevel } = await graphqlData<{ createAccessLevel: { id: string } }>(
      gateway,
      'mutation { createAccessLevel(input: { name: "Downloads", permissions: [VIEW_DOCUMENTS, DOWNLOAD_DOCUMENTS] }) { id } }',
      {},
      { token: t },
    );
    const customerId = await newCompany(t, 'Level Edit GmbH');
    const { contact } = await grantAndJoin(running, t, org, customerId, {
      email: `anna@${org}.example`,
      accessLevelId: createAccessLevel.id,
    });
    const { id: documentId } = await issueInvoice(gateway, t, customerId);
    const download = () =>
      gql(
        'mutation($id: ID!) { requestDocumentDownload(id: $id) { url } }',
        { id: documentId },
        contact.accessToken,
      );
    expect(await eventually(async () => ((await download()).data ? true : undefined))).toBe(true);

    const update = (name: string, token = t) =>
      gql(
        'mutation($id: ID!, $n: String!) { updateAccessLevel(id: $id, input: { name: $n, permissions: [VIEW_DOCUMENTS] }) { name permissions } }',
        { id: createAccessLevel.id, n: name },
        token,
      );
    const taken = await update('Standard');
    expect([errorCode(taken), errorField(taken)]).toEqual(['CONFLICT', 'input.name']);
    const other = await registerOrganization(gateway, 'cust-level-edit-x');
    expect(errorCode(await update('Mine now', other.accessToken))).toBe('NOT_FOUND');
    expect((await update('View only')).data).toEqual({
      updateAccessLevel: { name: 'View only', permissions: ['VIEW_DOCUMENTS'] },
    });
    // The document service's copy of the access follows the level.
    await eventually(async () => (errorCode(await download()) === 'FORBIDDEN' ? true : undefined));
  });

  it('keeps tenants apart: another tenant gets NOT_FOUND or nothing', async () => {
    const mine = await newCompany(owner.accessToken, 'Private Customer');
    const other = await registerOrganization(gateway, 'cust-intruder');
    const t = other.accessToken;
    expect(
      (
        await gql<{ customer: unknown }>(
          'query($id: ID!) { customer(id: $id) { id } }',
          { id: mine },
          t,
        )
      ).data!.customer,
    ).toBeNull();
    const update = await gql(
      `mutation($id: ID!, $input: CustomerInput!) { updateCustomer(id: $id, input: $input) { id } }`,
      { id: mine, input: { type: 'COMPANY', companyName: 'Stolen' } },
      t,
    );
    expect(errorCode(update)).toBe('NOT_FOUND');
    expect(errorCode(await grant(t, mine, { email: 'spy@intruder.example' }))).toBe('NOT_FOUND');
    expect(
      errorCode(await gql('mutation($id: ID!) { deleteCustomer(id: $id) }', { id: mine }, t)),
    ).toBe('NOT_FOUND');
    const { customers } = await graphqlData<{ customers: { totalCount: number } }>(
      gateway,
      '{ customers { totalCount } }',
      {},
      { token: t },
    );
    expect(customers.totalCount).toBe(0);
  });
});

describe('portal accesses', () => {
  const org = 'cust-access';
  let owner: Auth;
  let customerId: string;
  let otherCustomerId: string;
  beforeAll(async () => {
    owner = await registerOrganization(gateway, org);
    customerId = await newCompany(owner.accessToken, 'Hafen Logistik');
    otherCustomerId = await newCompany(owner.accessToken, 'Other Customer');
  });

  it('invites by email and SMS code, and the access turns ACTIVE on acceptance', async () => {
    const t = owner.accessToken;
    const granted = await grant(t, customerId, {
      email: 'Lena@Hafen.example',
      phone: '+49 170 1234567',
      firstName: 'Lena',
    });
    expect(granted.errors).toBeUndefined();
    expect(granted.data!.grantPortalAccess).toMatchObject({
      email: 'lena@hafen.example',
      phone: '+491701234567',
      status: 'INVITED',
      accessLevel: { name: 'Standard' },
    });
    const mail = await emailTo(
      running.mailbox,
      'lena@hafen.example',
      `Your customer portal at ${org}`,
    );
    expect(mail.text).toContain('code we send to your mobile phone');
    const token = linkToken(mail, '/accept-invitation');
    const code = await smsCode('+491701234567');
    expect(code).toMatch(/^[34679ACDEFGHJKMNPQRTUVWXY]{6}$/); // no look-alikes

    const withoutCode = await acceptInvitation(gateway, token, null);
    expect([errorCode(withoutCode), errorField(withoutCode)]).toEqual(['BAD_USER_INPUT', 'code']);
    const wrongCode = await acceptInvitation(
      gateway,
      token,
      code === 'AAAAAA' ? 'CCCCCC' : 'AAAAAA',
    );
    expect(errorField(wrongCode)).toBe('code');
    const accepted = await acceptInvitation(gateway, token, code.toLowerCase());
    expect(accepted.errors).toBeUndefined();
    const contact = accepted.data!.acceptInvitation;
    expect(errorField(await acceptInvitation(gateway, token, code))).toBe('token'); // single use

    const { me } = await graphqlData<{ me: Record<string, unknown> }>(
      gateway,
      '{ me { kind email accessId customerId customer { displayName } portalAccess { status } } }',
      {},
      { token: contact.accessToken },
    );
    expect(me).toEqual({
      kind: 'CONTACT',
      email: 'lena@hafen.example',
      accessId: granted.data!.grantPortalAccess.id,
      customerId,
      customer: { displayName: 'Hafen Logistik' },
      portalAccess: { status: expect.stringMatching(/^(INVITED|ACTIVE)$/) },
    });
    expect((await myCustomer(contact.accessToken)).data!.myCustomer).toEqual({
      id: customerId,
      displayName: 'Hafen Logistik',
    });
    const access = await eventually(async () => {
      const [found] = await accessesOf(t, customerId);
      return found?.status === 'ACTIVE' && found.lastLoginAt !== null ? found : undefined;
    });
    expect(access.activatedAt).not.toBeNull();
  });

  it('voids five wrong codes and, on resend, the earlier link', async () => {
    const t = owner.accessToken;
    const phone = '+491701234568';
    const granted = await grant(t, otherCustomerId, { email: 'max@other.example', phone });
    const first = linkToken(
      await emailTo(running.mailbox, 'max@other.example', 'Your customer portal'),
      '/accept-invitation',
    );
    const firstCode = await smsCode(phone);
    const resent = await gql<{ resendInvitation: Access }>(
      `mutation($id: ID!) { resendInvitation(id: $id) { ${ACCESS_FIELDS} } }`,
      { id: granted.data!.grantPortalAccess.id },
      t,
    );
    expect(resent.errors).toBeUndefined();
    const secondCode = await smsCode(phone, 2);
    const second = await eventually(async () => {
      const mails = running.mailbox.messages.filter((m) =>
        JSON.stringify(m.to).includes('max@other.example'),
      );
      return mails.length >= 2 && linkToken(mails[1]!, '/accept-invitation');
    });
    expect(errorField(await acceptInvitation(gateway, first, firstCode))).toBe('token');
    for (let i = 0; i < 5; i++)
      expect(errorField(await acceptInvitation(gateway, second, 'WRONG1'))).toBe('code');
    // The right code is too late now: the link is void.
    expect(errorField(await acceptInvitation(gateway, second, secondCode))).toBe('token');
  });

  it('gives an invited contact no reset that would skip the SMS code; the access stays INVITED', async () => {
    const t = owner.accessToken;
    const phone = '+491701234570';
    const granted = await grant(t, otherCustomerId, { email: 'nopass@other.example', phone });
    const invitation = linkToken(
      await emailTo(running.mailbox, 'nopass@other.example', 'Your customer portal'),
      '/accept-invitation',
    );
    const code = await smsCode(phone);
    const asked = await gql('mutation($e: String!) { requestPasswordReset(email: $e) }', {
      e: 'nopass@other.example',
    });
    expect(asked.data).toEqual({ requestPasswordReset: true });
    const mail = await emailTo(
      running.mailbox,
      'nopass@other.example',
      'Your portal access is not activated yet',
    );
    expect(mail.text).toContain('with the code we sent to your mobile phone');
    expect(mail.text).not.toContain('/reset-password');
    const [access] = (await accessesOf(t, otherCustomerId)).filter(
      (a) => a.id === granted.data!.grantPortalAccess.id,
    );
    expect(access?.status).toBe('INVITED');
    expect(errorCode(await login(gateway, 'nopass@other.example'))).toBe('UNAUTHENTICATED');
    // The invitation with its code is still the way in.
    expect((await acceptInvitation(gateway, invitation, code)).errors).toBeUndefined();
  });

  it('keeps link tokens and SMS codes sealed on Kafka: the topic and its dead letters hold none', async () => {
    const phone = '+491701234571';
    await grant(owner.accessToken, otherCustomerId, { email: 'sealed@other.example', phone });
    const invitation = await emailTo(
      running.mailbox,
      'sealed@other.example',
      'Your customer portal',
    );
    const token = linkToken(invitation, '/accept-invitation');
    const code = await smsCode(phone);
    await gql('mutation($e: String!) { requestPasswordReset(email: $e) }', {
      e: `owner@${org}.example`,
    });
    const reset = await emailTo(running.mailbox, `owner@${org}.example`, 'Reset your Portico');
    const resetToken = linkToken(reset, '/reset-password');

    const raw = await readRawMessages({
      brokers: process.env.KAFKA_BROKERS!.split(','),
      topics: ['identity.events.v1', 'identity.events.v1.dlq'],
      enough: (values) =>
        values.some((v) => v.includes('password-reset-requested') && v.includes(owner.user.id)),
    });
    const invited = raw
      .map((value) => JSON.parse(value) as { type: string; data: Record<string, unknown> })
      .find((event) => event.type.includes('contact-invited') && event.data.phone === phone);
    expect(invited?.data.token).toMatch(/^es1\./);
    expect(invited?.data.code).toMatch(/^es1\./);
    for (const secret of [token, code, resetToken])
      expect(raw.filter((value) => value.includes(secret))).toEqual([]);
  });

  it('retries an SMS the gateway refused', async () => {
    running.sms.failNext(2, 503);
    await grant(owner.accessToken, otherCustomerId, {
      email: 'retry@other.example',
      phone: '+491701234569',
    });
    expect(await smsCode('+491701234569')).toMatch(/^[A-Z0-9]{6}$/);
  });

  it('allows one live access per email in a tenant', async () => {
    await grant(owner.accessToken, customerId, { email: 'twice@hafen.example' });
    const again = await grant(owner.accessToken, otherCustomerId, { email: 'twice@hafen.example' });
    expect([errorCode(again), errorField(again)]).toEqual(['CONFLICT', 'input.email']);
    const badExpiry = await grant(owner.accessToken, customerId, {
      email: 'x@hafen.example',
      expiresAt: '2020-01-01T00:00:00Z',
    });
    expect(errorField(badExpiry)).toBe('input.expiresAt');
    const badLevel = await grant(owner.accessToken, customerId, {
      email: 'y@hafen.example',
      accessLevelId: 'nope',
    });
    expect(errorField(badLevel)).toBe('input.accessLevelId');
  });

  it('revocation refuses a live token on the next request, and sign-in after', async () => {
    const t = owner.accessToken;
    const { contact, accessId } = await inviteContact(t, org, customerId, {
      email: 'revoked@hafen.example',
    });
    expect((await myCustomer(contact.accessToken)).errors).toBeUndefined();
    const revoked = await gql<{ revokePortalAccess: Access }>(
      `mutation($id: ID!) { revokePortalAccess(id: $id) { status revokedAt } }`,
      { id: accessId },
      t,
    );
    expect(revoked.data!.revokePortalAccess.status).toBe('REVOKED');
    const next = await myCustomer(contact.accessToken);
    expect([errorCode(next), next.errors?.[0]?.message]).toEqual([
      'UNAUTHENTICATED',
      'Your portal access has ended',
    ]);
    expect(errorCode(await login(gateway, 'revoked@hafen.example'))).toBe('UNAUTHENTICATED');
    const refresh = await gql(
      'mutation($r: String!) { refreshSession(refreshToken: $r) { accessToken } }',
      { r: contact.refreshToken },
    );
    expect(errorCode(refresh)).toBe('UNAUTHENTICATED');
    const actions = await eventually(async () => {
      const entries = await auditActions(t);
      return entries.some((e) => e.action === 'access.revoked') && entries;
    });
    expect(actions.find((e) => e.action === 'access.revoked')!.actor!.id).toBe(owner.user.id);
  });

  it('ends time-limited access at its expiry, and at once when staff move it into the past', async () => {
    const t = owner.accessToken;
    const soon = new Date(Date.now() + 4_000).toISOString();
    const timed = await inviteContact(t, org, customerId, {
      email: 'timed@hafen.example',
      expiresAt: soon,
    });
    expect((await myCustomer(timed.contact.accessToken)).errors).toBeUndefined();
    await eventually(
      async () => errorCode(await myCustomer(timed.contact.accessToken)) === 'UNAUTHENTICATED',
      10_000,
    );
    // Tokens carry whole seconds, so one may die just before the access does.
    await new Promise((resolve) => setTimeout(resolve, Date.parse(soon) - Date.now() + 50));
    const late = await login(gateway, 'timed@hafen.example');
    expect([errorCode(late), late.errors?.[0]?.message]).toEqual([
      'UNAUTHENTICATED',
      'Your portal access has ended',
    ]);
    const statuses = (await accessesOf(t, customerId)).filter(
      (a) => a.email === 'timed@hafen.example',
    );
    expect(statuses[0]!.status).toBe('EXPIRED');

    const cut = await inviteContact(t, org, customerId, { email: 'cut@hafen.example' });
    expect((await myCustomer(cut.contact.accessToken)).errors).toBeUndefined();
    const { accessLevels } = await graphqlData<{ accessLevels: { id: string; name: string }[] }>(
      gateway,
      '{ accessLevels { id name } }',
      {},
      { token: t },
    );
    const readOnly = accessLevels.find((level) => level.name === 'Read only')!;
    const relevelled = await gql(
      'mutation($id: ID!, $input: UpdateAccessInput!) { updatePortalAccess(id: $id, input: $input) { status accessLevel { name } } }',
      { id: cut.accessId, input: { accessLevelId: readOnly.id } },
      t,
    );
    expect(relevelled.data).toEqual({
      updatePortalAccess: {
        status: expect.stringMatching(/^(INVITED|ACTIVE)$/),
        accessLevel: { name: 'Read only' },
      },
    });
    expect((await myCustomer(cut.contact.accessToken)).errors).toBeUndefined();
    const updated = await gql(
      'mutation($id: ID!, $input: UpdateAccessInput!) { updatePortalAccess(id: $id, input: $input) { status } }',
      { id: cut.accessId, input: { expiresAt: new Date(Date.now() - 1000).toISOString() } },
      t,
    );
    expect(updated.data).toEqual({ updatePortalAccess: { status: 'EXPIRED' } });
    expect(errorCode(await myCustomer(cut.contact.accessToken))).toBe('UNAUTHENTICATED');
  });

  it('keeps contacts to their own customer and away from staff fields', async () => {
    const { contact, accessId } = await inviteContact(owner.accessToken, org, customerId, {
      email: 'nosy@hafen.example',
    });
    const t = contact.accessToken;
    expect(
      (
        await gql<{ customer: unknown }>(
          'query($id: ID!) { customer(id: $id) { id } }',
          { id: otherCustomerId },
          t,
        )
      ).data!.customer,
    ).toBeNull();
    expect(errorCode(await gql('{ customers { totalCount } }', {}, t))).toBe('FORBIDDEN');
    expect(errorCode(await gql('{ accessLevels { id } }', {}, t))).toBe('FORBIDDEN');
    expect(errorCode(await createCustomer(t, { type: 'COMPANY', companyName: 'Mine' }))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await grant(t, customerId, { email: 'friend@hafen.example' }))).toBe(
      'FORBIDDEN',
    );
    expect(
      errorCode(
        await gql('mutation($id: ID!) { revokePortalAccess(id: $id) { id } }', { id: accessId }, t),
      ),
    ).toBe('FORBIDDEN');
    const own = await gql<{ myCustomer: { accesses: unknown[]; administrators: unknown[] } }>(
      '{ myCustomer { accesses { id } administrators { id } } }',
      {},
      t,
    );
    expect(own.data!.myCustomer).toEqual({ accesses: [], administrators: [] });

    // Straight to the customer subgraph with the gateway's secret: entities obey the same rules.
    const subgraph = running.platform.processes.find((p) => p.name === 'customer')!;
    const entities = await graphqlRequest<{ _entities: unknown[] }>(
      `http://127.0.0.1:${subgraph.port}/graphql`,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id displayName } } }',
      {
        r: [
          { __typename: 'Customer', id: otherCustomerId },
          { __typename: 'Customer', id: customerId },
        ],
      },
      { token: t, headers: { 'x-gateway-secret': running.platform.gatewaySecret } },
    );
    expect(entities.data!._entities).toEqual([
      null,
      { id: customerId, displayName: 'Hafen Logistik' },
    ]);
  });

  it('lets a contact edit their customer data only with EDIT_CUSTOMER_DATA, audited', async () => {
    const t = owner.accessToken;
    const standard = await inviteContact(t, org, customerId, { email: 'standard@hafen.example' });
    const edit = (token: string, input: Record<string, unknown>) =>
      gql<{ updateMyCustomerData: { address: { city: string } | null; email: string | null } }>(
        'mutation($input: CustomerSelfServiceInput!) { updateMyCustomerData(input: $input) { email address { city } } }',
        { input },
        token,
      );
    expect(
      errorCode(await edit(standard.contact.accessToken, { email: 'new@hafen.example' })),
    ).toBe('FORBIDDEN');
    const { accessLevels } = await graphqlData<{ accessLevels: { id: string; name: string }[] }>(
      gateway,
      '{ accessLevels { id name } }',
      {},
      { token: t },
    );
    const full = accessLevels.find((level) => level.name === 'Full access')!;
    const editor = await inviteContact(t, org, customerId, {
      email: 'editor@hafen.example',
      accessLevelId: full.id,
    });
    const bad = await edit(editor.contact.accessToken, { bankAccount: { iban: 'DE00' } });
    expect(errorField(bad)).toBe('input.bankAccount.iban');
    const done = await edit(editor.contact.accessToken, {
      address: { city: 'Kiel', country: 'DE' },
    });
    expect(done.data!.updateMyCustomerData).toEqual({ email: null, address: { city: 'Kiel' } });
    // The billing email is where documents may be sent: staff only, even with EDIT_CUSTOMER_DATA.
    const billing = await edit(editor.contact.accessToken, {
      email: 'attacker@elsewhere.example',
      address: { city: 'Lübeck' },
    });
    expect([errorCode(billing), errorField(billing)]).toEqual(['BAD_USER_INPUT', 'input.email']);
    const unchanged = await edit(editor.contact.accessToken, { email: null });
    expect(unchanged.data!.updateMyCustomerData).toEqual({
      email: null,
      address: { city: 'Kiel' },
    });
    await eventually(async () =>
      (await auditActions(t)).some(
        (e) => e.action === 'customer.updated' && e.actor?.id === editor.contact.user.id,
      ),
    );
  });
});

describe('access levels, settings and administrators', () => {
  let owner: Auth;
  beforeAll(async () => {
    owner = await registerOrganization(gateway, 'cust-admin');
  });

  it('creates access levels with unique names and sets the default level', async () => {
    const t = owner.accessToken;
    const create = (name: string, permissions: string[]) =>
      gql<{ createAccessLevel: { id: string; permissions: string[] } }>(
        'mutation($input: AccessLevelInput!) { createAccessLevel(input: $input) { id permissions } }',
        { input: { name, permissions } },
        t,
      );
    const created = await create('Statements only', ['VIEW_STATEMENTS', 'VIEW_STATEMENTS']);
    expect(created.data!.createAccessLevel.permissions).toEqual(['VIEW_STATEMENTS']);
    expect(errorCode(await create('Statements only', ['VIEW_DOCUMENTS']))).toBe('CONFLICT');
    expect(errorField(await create('Nothing', []))).toBe('input.permissions');
    const settings = await gql<{
      updatePortalSettings: {
        defaultAccessLevel: { name: string };
        enabledDocumentTypes: string[];
      };
    }>(
      'mutation($input: PortalSettingsInput!) { updatePortalSettings(input: $input) { enabledDocumentTypes defaultAccessLevel { name } } }',
      {
        input: {
          defaultAccessLevelId: created.data!.createAccessLevel.id,
          enabledDocumentTypes: ['INVOICE', 'CREDIT_NOTE'],
        },
      },
      t,
    );
    expect(settings.data!.updatePortalSettings).toEqual({
      enabledDocumentTypes: ['INVOICE', 'CREDIT_NOTE'],
      defaultAccessLevel: { name: 'Statements only' },
    });
    const { portalSettings } = await graphqlData<{ portalSettings: Record<string, unknown> }>(
      gateway,
      '{ portalSettings { enabledDocumentTypes portalAccessByDefault defaultAccessLevel { name } } }',
      {},
      { token: t },
    );
    expect(portalSettings).toEqual({
      enabledDocumentTypes: ['INVOICE', 'CREDIT_NOTE'],
      portalAccessByDefault: true,
      defaultAccessLevel: { name: 'Statements only' },
    });
    const customerId = await newCompany(t, 'Default Level Customer');
    expect(
      (await grant(t, customerId, { email: 'dl@admin.example' })).data!.grantPortalAccess
        .accessLevel.name,
    ).toBe('Statements only');
    const unknown = await gql(
      'mutation { updatePortalSettings(input: { defaultAccessLevelId: "nope" }) { portalAccessByDefault } }',
      {},
      t,
    );
    expect(errorField(unknown)).toBe('input.defaultAccessLevelId');
  });

  it('applies portal access by default to existing customers on request', async () => {
    const t = owner.accessToken;
    const before = await newCompany(t, 'Existing Customer');
    const off = await gql(
      'mutation { updatePortalSettings(input: { portalAccessByDefault: false, applyToExistingCustomers: true }) { portalAccessByDefault } }',
      {},
      t,
    );
    expect(off.errors).toBeUndefined();
    const refused = await grant(t, before, { email: 'late@admin.example' });
    expect([errorCode(refused), errorField(refused)]).toEqual(['BAD_USER_INPUT', 'customerId']);
    const created = await createCustomer(t, { type: 'COMPANY', companyName: 'New While Off' });
    expect(created.data!.createCustomer.portalEnabled).toBe(false);
    await gql(
      'mutation { updatePortalSettings(input: { portalAccessByDefault: true, applyToExistingCustomers: true }) { portalAccessByDefault } }',
      {},
      t,
    );
    expect((await grant(t, before, { email: 'late@admin.example' })).errors).toBeUndefined();
  });

  it('shows a SPECIALIST only the customers they administer', async () => {
    const t = owner.accessToken;
    const customerId = await newCompany(t, 'Administered Customer');
    await newCompany(t, 'Someone Else’s Customer');
    const invited = await gql<{ createStaffUser: { id: string } }>(
      'mutation { createStaffUser(input: { email: "spec@admin.example", role: SPECIALIST }) { id } }',
      {},
      t,
    );
    const specialistId = invited.data!.createStaffUser.id;
    const mail = await emailTo(running.mailbox, 'spec@admin.example', 'You are invited to');
    const specialist = (
      await acceptInvitation(gateway, linkToken(mail, '/accept-invitation'), null)
    ).data!.acceptInvitation;
    const count = async () =>
      (
        await graphqlData<{ customers: { totalCount: number } }>(
          gateway,
          '{ customers { totalCount } }',
          {},
          { token: specialist.accessToken },
        )
      ).customers.totalCount;
    expect(await count()).toBe(0);
    const set = (userIds: string[], token = t) =>
      gql<{ setCustomerAdministrators: { administrators: { id: string; email: string }[] } }>(
        'mutation($c: ID!, $u: [ID!]!) { setCustomerAdministrators(customerId: $c, userIds: $u) { administrators { id email } } }',
        { c: customerId, u: userIds },
        token,
      );
    expect(errorField(await set(['not-a-user']))).toBe('userIds');
    const assigned = await eventually(async () => {
      const result = await set([specialistId]); // once customer has heard of the new staff user
      return !result.errors && result;
    });
    expect(assigned.data!.setCustomerAdministrators.administrators).toEqual([
      { id: specialistId, email: 'spec@admin.example' },
    ]);
    expect(await count()).toBe(1);
    expect(errorCode(await set([], specialist.accessToken))).toBe('FORBIDDEN');
    expect(
      errorCode(
        await gql(
          'mutation($id: ID!) { deleteCustomer(id: $id) }',
          { id: customerId },
          specialist.accessToken,
        ),
      ),
    ).toBe('FORBIDDEN');
    const created = await createCustomer(specialist.accessToken, {
      type: 'COMPANY',
      companyName: 'Made By Specialist',
    });
    expect(created.errors).toBeUndefined();
    expect(await count()).toBe(2);
  });
});

describe('permanent deletion', () => {
  it('erases the customer everywhere and its contacts can no longer sign in', async () => {
    const org = 'cust-delete';
    const owner = await registerOrganization(gateway, org);
    const t = owner.accessToken;
    const created = await createCustomer(t, {
      type: 'PERSON',
      firstName: 'Erika',
      lastName: 'Erasable',
      email: 'erika@erase.example',
      phone: '+49 170 7654321',
    });
    const customerId = created.data!.createCustomer.id;
    const { contact, accessId } = await inviteContact(t, org, customerId, {
      email: 'contact@erase.example',
      phone: '+491707654322',
    });
    const doc = await graphqlData<{ createDocument: { id: string } }>(
      gateway,
      'mutation($input: DocumentInput!) { createDocument(input: $input) { id } }',
      {
        input: {
          type: 'INVOICE',
          customerId,
          currency: 'EUR',
          lines: [{ description: 'Audit', quantity: '1', unitPrice: '100.00', taxRate: '19' }],
        },
      },
      { token: t },
    );
    await graphqlData(
      gateway,
      'mutation($id: ID!) { issueDocument(id: $id) { id } }',
      { id: doc.createDocument.id },
      { token: t },
    );
    await emailTo(running.mailbox, 'contact@erase.example', 'Invoice'); // its contact is told

    const deleted = await gql(
      'mutation($id: ID!) { deleteCustomer(id: $id) }',
      { id: customerId },
      t,
    );
    expect(deleted.data).toEqual({ deleteCustomer: true });
    expect(errorCode(await myCustomer(contact.accessToken))).toBe('UNAUTHENTICATED');
    expect(
      (
        await gql<{ customer: unknown }>(
          'query($id: ID!) { customer(id: $id) { id } }',
          { id: customerId },
          t,
        )
      ).data!.customer,
    ).toBeNull();

    const traces = [
      customerId,
      accessId,
      contact.user.id,
      doc.createDocument.id,
      'erika@erase.example',
      'contact@erase.example',
      'Erasable',
      '+491707654321',
      '+491707654322',
    ];
    const remaining = await eventually(async () => {
      const found = await findTraces(traces);
      return found.length === 0 ? ['none'] : undefined;
    }, 30_000).catch(async () => findTraces(traces));
    expect(remaining).toEqual(['none']);
    expect(errorCode(await login(gateway, 'contact@erase.example'))).toBe('UNAUTHENTICATED');
    // What stays: the record that a staff user deleted a customer, by id only.
    const entries = await auditActions(t);
    expect(entries.filter((e) => e.action === 'customer.deleted')).toHaveLength(1);
  });
});

/** Every stored document in the services' databases that mentions one of `needles`, except the deletion record. */
async function findTraces(needles: string[]): Promise<string[]> {
  const connection = await mongoose.createConnection(process.env.MONGO_URL!).asPromise();
  try {
    const found: string[] = [];
    for (const service of ['identity', 'customer', 'document', 'notification']) {
      const db = connection.useDb(`portico_${service}`).db!;
      for (const { name } of await db.listCollections().toArray()) {
        for (const stored of await db.collection(name).find({}).toArray()) {
          const text = JSON.stringify(stored);
          if ((stored as { action?: string }).action === 'customer.deleted') continue;
          const needle = needles.find((n) => text.includes(n));
          if (needle) found.push(`${service}.${name}: ${needle} in ${text.slice(0, 200)}`);
        }
      }
    }
    return found;
  } finally {
    await connection.close();
  }
}
