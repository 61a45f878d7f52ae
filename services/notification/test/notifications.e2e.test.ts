import { randomUUID } from 'node:crypto';
// The library entry point itself: the package index reads a sample file when not required by a parent.
import { createEvent } from '@portico/events';
import { createKafkaBus } from '@portico/kafka';
import {
  emailTo,
  errorCode,
  errorField,
  eventually,
  grantAndJoin,
  graphqlData,
  graphqlRequest,
  registerOrganization,
  startTestPlatform,
  type Auth,
  type TestPlatform,
  issueInvoice as issueInvoiceAs,
  renderedPdf,
  pdfText,
} from '@portico/local-infra';
import { createLogger } from '@portico/logger';

/** The notification subgraph through the gateway: branding, languages, resending, replays. */
let running: TestPlatform;
let gateway: string;

beforeAll(async () => {
  running = await startTestPlatform('notifications', 4800);
  gateway = running.platform.gatewayUrl;
}, 120_000);
afterAll(() => running?.stop());

const gql = <T>(query: string, variables: Record<string, unknown>, token?: string) =>
  graphqlRequest<T>(gateway, query, variables, token ? { token } : {});
// Intl writes a no-break space between amount and currency; PDF text may show either.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const BRANDING = 'name locale colour logo replyTo footer';
const EMAIL = 'id to subject kind status error attempts resendOf documentId';

interface Email {
  id: string;
  to: string;
  subject: string;
  kind: string;
  status: string;
  resendOf: string | null;
}

async function customerWithEmail(token: string, name: string, email: string): Promise<string> {
  const { createCustomer } = await graphqlData<{ createCustomer: { id: string } }>(
    gateway,
    'mutation($n: String!, $e: String!) { createCustomer(input: { type: COMPANY, companyName: $n, email: $e }) { id } }',
    { n: name, e: email },
    { token },
  );
  return createCustomer.id;
}

/** Issues an invoice of 238.00 EUR (two lines, two tax rates); returns its number. */
const issueInvoice = async (token: string, customerId: string) =>
  (
    await issueInvoiceAs(gateway, token, customerId, {
      lines: [
        { description: 'Beratung', quantity: '2', unitPrice: '100.00', taxRate: '19' },
        { description: 'Fahrtkosten', quantity: '1', unitPrice: '38.00', taxRate: '0' },
      ],
    })
  ).number;

/** A new organization's first email, to its owner: sent before a test makes the server refuse. */
const ownerConfirmationSent = (org: string) =>
  emailTo(running.mailbox, `owner@${org}.example`, 'Confirm your email address');

async function history(token: string, customerId: string): Promise<Email[]> {
  const { emailHistory } = await graphqlData<{ emailHistory: { edges: { node: Email }[] } }>(
    gateway,
    `query($c: ID) { emailHistory(customerId: $c) { edges { node { ${EMAIL} } } } }`,
    { c: customerId },
    { token },
  );
  return emailHistory.edges.map((edge) => edge.node);
}

describe('branding and languages', () => {
  let owner: Auth;
  let org: string;

  beforeAll(async () => {
    org = `brand-${randomUUID().slice(0, 6)}`;
    owner = await registerOrganization(gateway, org);
  });

  it('starts from the organization’s name and is the owner’s to change, field by field', async () => {
    const initial = await eventually(async () => {
      const { branding } = await graphqlData<{ branding: { name: string; locale: string } }>(
        gateway,
        `{ branding { ${BRANDING} } }`,
        {},
        { token: owner.accessToken },
      );
      return branding.name === org && branding;
    });
    expect(initial).toMatchObject({ locale: 'EN', logo: null, footer: null });

    const update = (input: Record<string, unknown>, token = owner.accessToken) =>
      gql<{ updateBranding: Record<string, unknown> }>(
        `mutation($input: BrandingInput!) { updateBranding(input: $input) { ${BRANDING} } }`,
        { input },
        token,
      );
    for (const [input, field] of [
      [{ colour: 'red; background: url(x)' }, 'input.colour'],
      [{ logo: 'https://cdn.example/logo.png' }, 'input.logo'],
      [{ logo: 'data:image/svg+xml;base64,PHN2Zz4=' }, 'input.logo'],
      [{ replyTo: 'not an address' }, 'input.replyTo'],
      [{ name: '   ' }, 'input.name'],
    ] as const) {
      const refused = await update(input);
      expect([errorCode(refused), errorField(refused)]).toEqual(['BAD_USER_INPUT', field]);
    }
    expect(errorCode(await gql('{ branding { name } }', {}))).toBe('UNAUTHENTICATED');

    const logo = `data:image/png;base64,${Buffer.from('png bytes').toString('base64')}`;
    const changed = await update({
      name: 'Nordwind Handel GmbH',
      locale: 'DE',
      colour: '#AA3300',
      logo,
      replyTo: 'Buchhaltung@Nordwind.example',
      footer: 'IBAN DE02 1203 0000 0000 2020 51 · USt-IdNr. DE123456789',
    });
    expect(changed.data?.updateBranding).toEqual({
      name: 'Nordwind Handel GmbH',
      locale: 'DE',
      colour: '#aa3300',
      logo,
      replyTo: 'buchhaltung@nordwind.example',
      footer: 'IBAN DE02 1203 0000 0000 2020 51 · USt-IdNr. DE123456789',
    });
    // Portal pages show name, colour and logo to anyone, before sign-in; nothing else.
    const brandOf = (organizationId: string) =>
      graphqlData<{ portalBrand: Record<string, unknown> }>(
        gateway,
        'query($id: ID!) { portalBrand(organizationId: $id) { name colour onColour logo } }',
        { id: organizationId },
      );
    const { me } = await graphqlData<{ me: { organization: { id: string } } }>(
      gateway,
      '{ me { organization { id } } }',
      {},
      { token: owner.accessToken },
    );
    expect((await brandOf(me.organization.id)).portalBrand).toEqual({
      name: 'Nordwind Handel GmbH',
      colour: '#aa3300',
      onColour: '#ffffff',
      logo,
    });
    expect((await brandOf(randomUUID())).portalBrand).toMatchObject({
      name: 'Portico',
      logo: null,
    });

    // Fields left out stay; null clears an optional one.
    const cleared = await update({ logo: null });
    expect(cleared.data?.updateBranding).toMatchObject({ logo: null, locale: 'DE' });

    // Another tenant's branding is its own.
    const other = await registerOrganization(gateway, `brand-other-${randomUUID().slice(0, 6)}`);
    const theirs = await graphqlData<{ branding: { name: string } }>(
      gateway,
      '{ branding { name } }',
      {},
      { token: other.accessToken },
    );
    expect(theirs.branding.name).not.toBe('Nordwind Handel GmbH');
  });

  it('previews a branding on a sample email and PDF without saving it', async () => {
    const preview = (input: Record<string, unknown>) =>
      gql<{
        brandingPreview: {
          emailSubject: string;
          emailFrom: string;
          email: string;
          samplePdf: string;
        };
      }>(
        'query($input: BrandingInput!) { brandingPreview(input: $input) { emailSubject emailFrom email samplePdf } }',
        { input },
        owner.accessToken,
      );
    const refused = await preview({ colour: 'blue' });
    expect([errorCode(refused), errorField(refused)]).toEqual(['BAD_USER_INPUT', 'input.colour']);

    const saved = (
      await gql<{ branding: { name: string } }>('{ branding { name } }', {}, owner.accessToken)
    ).data!.branding;
    const shown = (
      await preview({
        name: 'Vorschau Handel AG',
        locale: 'EN',
        colour: '#116633',
        footer: 'Preview footer · IBAN DE89 3704 0044 0532 0130 00',
      })
    ).data!.brandingPreview;
    expect(shown.emailFrom).toBe('Vorschau Handel AG');
    expect(shown.emailSubject).toMatch(/^Invoice INV-\d{4}-000123$/);
    // The email as a picture: a PNG 640 px wide (its IHDR width), taller than one line.
    const png = Buffer.from(shown.email.replace(/^data:image\/png;base64,/, ''), 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20) > 200]).toEqual([640, true]);
    // The PDF is the real renderer's: name, lines and the footer on the page, in English.
    const pdf = Buffer.from(
      shown.samplePdf.replace(/^data:application\/pdf;base64,/, ''),
      'base64',
    );
    const text = plain(await pdfText(pdf));
    for (const expected of [
      'Vorschau Handel AG',
      'Sample Customer Ltd',
      'Consulting',
      'Preview footer',
    ])
      expect(text).toContain(expected);
    // Another colour draws another email; nothing was saved.
    const recoloured = (await preview({ colour: '#663311' })).data!.brandingPreview;
    expect(recoloured.email).not.toBe(shown.email);
    const after = (
      await gql<{ branding: { name: string } }>('{ branding { name } }', {}, owner.accessToken)
    ).data!.branding;
    expect(after).toEqual(saved);
  });

  it('sends a tenant’s document in its language, under its name, with its footer on the PDF', async () => {
    const customerId = await customerWithEmail(
      owner.accessToken,
      'Hafen Logistik AG',
      'ap@hafen.example',
    );
    const number = await issueInvoice(owner.accessToken, customerId);
    const mail = await emailTo(running.mailbox, 'ap@hafen.example', `Rechnung ${number}`);
    expect(mail.from?.value[0]?.name).toBe('Nordwind Handel GmbH');
    expect(mail.replyTo?.value[0]?.address).toBe('buchhaltung@nordwind.example');
    expect(plain(mail.text ?? '')).toContain(`Rechnung: ${number}`);
    expect(plain(mail.text ?? '')).toContain('Gesamtbetrag: 276,00 €');
    // The HTML part in the tenant's colour, signed with its footer.
    expect(mail.html).toContain("<html lang='de'>");
    expect(mail.html).toContain('background:#aa3300;');
    expect(mail.html).toContain('Im Portal ansehen');
    expect(mail.html).toContain('IBAN DE02 1203 0000 0000 2020 51');
    const text = plain(await pdfText(mail.attachments[0]!.content));
    for (const expected of [
      `Rechnung ${number}`,
      'Nordwind Handel GmbH',
      'Hafen Logistik AG',
      'Beratung',
      'Summe netto',
      '238,00 €',
      'USt. 19 % (200,00 €)',
      '38,00 €',
      'Gesamtbetrag',
      '276,00 €',
      'IBAN DE02 1203 0000 0000 2020 51',
      '1 / 1',
    ])
      expect(text).toContain(expected);
  });

  it('writes to a contact in the language they chose', async () => {
    const englishOrg = `lang-${randomUUID().slice(0, 6)}`;
    const staff = await registerOrganization(gateway, englishOrg);
    const customerId = await customerWithEmail(staff.accessToken, 'Kunde GmbH', 'ap@kunde.example');
    const { contact } = await grantAndJoin(running, staff.accessToken, englishOrg, customerId, {
      email: `lena@${englishOrg}.example`,
    });
    const { updateMyNotificationPreferences } = await graphqlData<{
      updateMyNotificationPreferences: { locale: string | null; attachPdf: boolean };
    }>(
      gateway,
      'mutation { updateMyNotificationPreferences(input: { locale: DE }) { locale attachPdf } }',
      {},
      { token: contact.accessToken },
    );
    expect(updateMyNotificationPreferences).toEqual({ locale: 'DE', attachPdf: true });
    const number = await issueInvoice(staff.accessToken, customerId);
    const mail = await emailTo(running.mailbox, `lena@${englishOrg}.example`, `Rechnung ${number}`);
    expect(mail.text).toContain('Guten Tag');
    expect(plain(await pdfText(mail.attachments[0]!.content))).toContain('Gesamtbetrag');

    // A type the portal does not show is emailed to nobody, the billing address included.
    await graphqlData(
      gateway,
      'mutation { updatePortalSettings(input: { enabledDocumentTypes: [ESTIMATE] }) { enabledDocumentTypes } }',
      {},
      { token: staff.accessToken },
    );
    // Once the document service knows, the contact's invoice is out of their portal.
    await eventually(async () => {
      const { documents } = await graphqlData<{ documents: { totalCount: number } }>(
        gateway,
        '{ documents { totalCount } }',
        {},
        { token: contact.accessToken },
      );
      return documents.totalCount === 0;
    });
    const hidden = await issueInvoiceAs(gateway, staff.accessToken, customerId);
    await renderedPdf(gateway, staff.accessToken, hidden.id); // its issued event is taken up
    const estimate = await issueInvoiceAs(gateway, staff.accessToken, customerId, {
      type: 'ESTIMATE',
    });
    await emailTo(running.mailbox, `lena@${englishOrg}.example`, `Angebot ${estimate.number}`);
    // Numbers repeat across tenants: this customer's addresses only.
    const aboutHidden = running.mailbox.messages.filter(
      (each) =>
        each.subject?.endsWith(` ${hidden.number}`) &&
        ['ap@kunde.example', `lena@${englishOrg}.example`].some((to) =>
          JSON.stringify(each.to).includes(to),
        ),
    );
    expect(aboutHidden).toEqual([]);
  });
});

describe('email history', () => {
  it('resends a document email as a new entry, and refuses what it cannot resend', async () => {
    const org = `resend-${randomUUID().slice(0, 6)}`;
    const owner = await registerOrganization(gateway, org);
    const customerId = await customerWithEmail(owner.accessToken, 'Resend AG', 'ap@resend.example');
    const number = await issueInvoice(owner.accessToken, customerId);
    await emailTo(running.mailbox, 'ap@resend.example', `Invoice ${number}`);
    const [original] = await eventually(async () => {
      const emails = await history(owner.accessToken, customerId);
      return emails.length === 1 && emails[0]!.status === 'SENT' && emails;
    });

    const before = running.mailbox.messages.length;
    const { resendEmail } = await graphqlData<{ resendEmail: Email }>(
      gateway,
      `mutation($id: ID!) { resendEmail(id: $id) { ${EMAIL} } }`,
      { id: original!.id },
      { token: owner.accessToken },
    );
    expect(resendEmail).toMatchObject({
      to: 'ap@resend.example',
      kind: 'DOCUMENT_ISSUED',
      status: 'SENT',
      resendOf: original!.id,
      subject: `Invoice ${number}`,
    });
    expect(resendEmail.id).not.toBe(original!.id);
    const resent = await eventually(async () =>
      running.mailbox.messages.slice(before).find((mail) => mail.subject === `Invoice ${number}`),
    );
    expect(resent.attachments[0]?.contentType).toBe('application/pdf');
    expect(await history(owner.accessToken, customerId)).toHaveLength(2);

    const resend = (id: string, token = owner.accessToken) =>
      gql(`mutation($id: ID!) { resendEmail(id: $id) { id } }`, { id }, token);
    expect(errorCode(await resend('no-such-email'))).toBe('NOT_FOUND');
    // Another tenant cannot resend (or learn of) this tenant's email.
    const stranger = await registerOrganization(gateway, `resend-x-${randomUUID().slice(0, 6)}`);
    expect(errorCode(await resend(original!.id, stranger.accessToken))).toBe('NOT_FOUND');

    // An invitation's link is not kept, so it is not resent.
    await grantAndJoin(running, owner.accessToken, org, customerId, {
      email: `contact@${org}.example`,
    });
    const invitation = await eventually(async () =>
      (await history(owner.accessToken, customerId)).find(
        (email) => email.kind === 'INVITATION' && email.status === 'SENT',
      ),
    );
    const refused = await resend(invitation.id);
    expect([errorCode(refused), errorField(refused)]).toEqual(['BAD_USER_INPUT', 'id']);
  });

  it('retries an SMTP server that refuses for now, and records one that refuses for good', async () => {
    const org = `smtp-${randomUUID().slice(0, 6)}`;
    const owner = await registerOrganization(gateway, org);
    await ownerConfirmationSent(org); // the SMTP refusals below are for the documents' emails
    const later = await customerWithEmail(owner.accessToken, 'Later AG', 'ap@later.example');
    const gone = await customerWithEmail(owner.accessToken, 'Gone AG', 'ap@gone.example');
    type Entry = { status: string; attempts: number; error: string | null };
    const entry = (customerId: string, done: (email: Entry) => boolean) =>
      eventually(async () => {
        const { emailHistory } = await graphqlData<{ emailHistory: { edges: { node: Entry }[] } }>(
          gateway,
          `query($c: ID) { emailHistory(customerId: $c) { edges { node { status attempts error } } } }`,
          { c: customerId },
          { token: owner.accessToken },
        );
        const [email] = emailHistory.edges.map((edge) => edge.node);
        return email && done(email) && email;
      });

    running.mailbox.failNext(2, 451, 'Greylisted, try again later');
    const retried = await issueInvoice(owner.accessToken, later);
    await emailTo(running.mailbox, 'ap@later.example', `Invoice ${retried}`);
    expect(await entry(later, (email) => email.status === 'SENT')).toEqual({
      status: 'SENT',
      attempts: 3,
      error: null,
    });

    running.mailbox.failNext(1, 550, 'Mailbox unavailable');
    const refused = await issueInvoice(owner.accessToken, gone);
    const failed = await entry(gone, (email) => email.status === 'FAILED');
    expect(failed).toMatchObject({ attempts: 1 });
    expect(failed.error).toContain('Mailbox unavailable');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // Numbers repeat across tenants: match the recipient too.
    const delivered = running.mailbox.messages.filter(
      (mail) =>
        mail.subject === `Invoice ${refused}` &&
        JSON.stringify(mail.to).includes('ap@gone.example'),
    );
    expect(delivered).toEqual([]);

    // The history filters by kind, status and time, as the back office's /emails does.
    const filtered = async (filter: string) => {
      const { emailHistory } = await graphqlData<{
        emailHistory: { totalCount: number; edges: { node: { to: string } }[] };
      }>(
        gateway,
        `{ emailHistory(${filter}) { totalCount edges { node { to } } } }`,
        {},
        { token: owner.accessToken },
      );
      return emailHistory.edges.map((edge) => edge.node.to);
    };
    expect(await filtered('kind: DOCUMENT_ISSUED, status: FAILED')).toEqual(['ap@gone.example']);
    expect(await filtered('kind: DOCUMENT_ISSUED, status: SENT')).toEqual(['ap@later.example']);
    const week = new Date(Date.now() - 7 * 86_400_000).toISOString();
    expect(await filtered(`status: FAILED, since: "${week}"`)).toEqual(['ap@gone.example']);
    expect(await filtered(`since: "${new Date(Date.now() + 60_000).toISOString()}"`)).toEqual([]);
    const bad = await gql(
      '{ emailHistory(since: "last week") { totalCount } }',
      {},
      owner.accessToken,
    );
    expect([errorCode(bad), errorField(bad)]).toEqual(['BAD_USER_INPUT', 'since']);
  });

  it('shows a bounced invitation in the contact’s own email history', async () => {
    const org = `bounce-${randomUUID().slice(0, 6)}`;
    const owner = await registerOrganization(gateway, org);
    await ownerConfirmationSent(org); // the refusal below is for the invitation
    const customerId = await customerWithEmail(owner.accessToken, 'Bounce AG', 'ap@bounce.example');
    running.mailbox.failNext(1, 550, 'No such user here');
    const { grantPortalAccess } = await graphqlData<{ grantPortalAccess: { id: string } }>(
      gateway,
      'mutation($c: ID!) { grantPortalAccess(customerId: $c, input: { email: "typo@bounce.example" }) { id } }',
      { c: customerId },
      { token: owner.accessToken },
    );
    const failed = await eventually(async () => {
      const { emailHistory } = await graphqlData<{
        emailHistory: { edges: { node: { kind: string; status: string; error: string | null } }[] };
      }>(
        gateway,
        'query($a: ID) { emailHistory(accessId: $a) { edges { node { kind status error } } } }',
        { a: grantPortalAccess.id },
        { token: owner.accessToken },
      );
      const [email] = emailHistory.edges.map((edge) => edge.node);
      return email?.status === 'FAILED' && emailHistory.edges.map((edge) => edge.node);
    });
    expect(failed).toEqual([
      { kind: 'INVITATION', status: 'FAILED', error: expect.stringContaining('No such user here') },
    ]);
  });

  it('sends a replayed or duplicated event once', async () => {
    const org = `replay-${randomUUID().slice(0, 6)}`;
    const owner = await registerOrganization(gateway, org);
    const tenantId = (
      JSON.parse(Buffer.from(owner.accessToken.split('.')[1]!, 'base64url').toString()) as {
        tid: string;
      }
    ).tid;
    const event = createEvent({
      type: 'portico.document.issued.v1',
      service: 'document',
      subject: `doc-${randomUUID()}`,
      tenantId,
      data: {
        documentId: `doc-${randomUUID()}`,
        type: 'INVOICE',
        number: `REPLAY-${randomUUID().slice(0, 6)}`,
        issueDate: '2026-11-23',
        dueDate: null,
        currency: 'EUR',
        grossTotal: '10.00',
        customer: {
          id: `cust-${randomUUID()}`,
          displayName: 'Replay AG',
          email: 'ap@replay.example',
        },
        shared: true,
      },
    });
    const bus = createKafkaBus({
      brokers: process.env.KAFKA_BROKERS!.split(','),
      clientId: 'replay-test',
      logger: createLogger('replay-test', { level: 'silent' }),
    });
    try {
      await bus.publish([event]);
      await bus.publish([event, event]); // a redelivery and a duplicate in one batch
      const mail = await emailTo(
        running.mailbox,
        'ap@replay.example',
        `Invoice ${event.data.number}`,
      );
      // Enough time for the duplicates to have been handled; they must not become emails.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const copies = running.mailbox.messages.filter(
        (each) => each.subject === `Invoice ${event.data.number}`,
      );
      expect(copies).toHaveLength(1);
      expect(copies[0]!.messageId).toBe(mail.messageId);
      const { emailHistory } = await graphqlData<{ emailHistory: { totalCount: number } }>(
        gateway,
        `query($c: ID) { emailHistory(customerId: $c) { totalCount } }`,
        { c: event.data.customer.id },
        { token: owner.accessToken },
      );
      expect(emailHistory.totalCount).toBe(1);
    } finally {
      await bus.close();
    }
  });
});
