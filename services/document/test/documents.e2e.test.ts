import {
  acceptInvitation,
  emailTo,
  errorCode,
  errorField,
  eventually,
  grantAndJoin,
  graphqlData,
  graphqlRequest,
  linkToken,
  login,
  registerOrganization,
  renderedPdf,
  startTestPlatform,
  type Auth,
  type TestPlatform,
} from '@portico/local-infra';

/** The document subgraph through the gateway: life cycle, numbering, money, listing, who sees what. */
let running: TestPlatform;
let gateway: string;

beforeAll(async () => {
  running = await startTestPlatform('documents', 4500);
  gateway = running.platform.gatewayUrl;
}, 120_000);
afterAll(() => running?.stop());

/** The gateway serves /files; the tests fetch a link's path and query from it. */
const viaGateway = (url: string) =>
  fetch(new URL(new URL(url).pathname + new URL(url).search, gateway));

/** The link answers a PDF, once it has been rendered. */
async function expectPdfAt(url: string) {
  const pdf = await eventually(async () => {
    const response = await viaGateway(url);
    return response.status === 200 && response;
  });
  expect(pdf.headers.get('content-type')).toBe('application/pdf');
  expect(
    Buffer.from(await pdf.arrayBuffer())
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');
}

const DOC_FIELDS =
  'id type number status paymentState currency netTotal taxTotal grossTotal paidTotal balanceDue shared issueDate dueDate';
interface Doc {
  id: string;
  type: string;
  number: string | null;
  status: string;
  paymentState: string | null;
  currency: string;
  netTotal: string;
  taxTotal: string;
  grossTotal: string;
  paidTotal: string;
  balanceDue: string;
  shared: boolean;
}

const gql = <T>(query: string, variables: Record<string, unknown>, token: string) =>
  graphqlRequest<T>(gateway, query, variables, { token });
const year = new Date().getUTCFullYear();
const daysFromNow = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function newCustomer(token: string, name: string): Promise<string> {
  const { createCustomer } = await graphqlData<{ createCustomer: { id: string } }>(
    gateway,
    'mutation($n: String!) { createCustomer(input: { type: COMPANY, companyName: $n }) { id } }',
    { n: name },
    { token },
  );
  await documentServiceKnows(token, createCustomer.id);
  return createCustomer.id;
}

/**
 * The document service learns of customers from their events: once it knows
 * this one, a draft in an unknown currency fails on the currency, no longer on
 * the customer (and creates nothing).
 */
function documentServiceKnows(token: string, customerId: string) {
  return eventually(
    async () =>
      errorField(await draft(token, { customerId, currency: 'XXX' })) === 'input.currency',
  );
}

function draft(token: string, input: Record<string, unknown>) {
  return gql<{ createDocument: Doc }>(
    `mutation($input: DocumentInput!) { createDocument(input: $input) { ${DOC_FIELDS} } }`,
    {
      input: {
        type: 'INVOICE',
        currency: 'EUR',
        lines: [{ description: 'Consulting', quantity: '1', unitPrice: '100.00', taxRate: '19' }],
        ...input,
      },
    },
    token,
  );
}

async function issued(token: string, input: Record<string, unknown>): Promise<Doc> {
  const created = await draft(token, input);
  expect(created.errors).toBeUndefined();
  return issue(token, created.data!.createDocument.id);
}

async function issue(token: string, id: string): Promise<Doc> {
  const { issueDocument } = await graphqlData<{ issueDocument: Doc }>(
    gateway,
    `mutation($id: ID!) { issueDocument(id: $id) { ${DOC_FIELDS} } }`,
    { id },
    { token },
  );
  return issueDocument;
}

function pay(token: string, documentId: string, amount: string) {
  return gql<{ recordPayment: Doc }>(
    `mutation($id: ID!, $input: PaymentInput!) { recordPayment(documentId: $id, input: $input) { ${DOC_FIELDS} } }`,
    { id: documentId, input: { amount, date: daysFromNow(0), method: 'transfer' } },
    token,
  );
}

const documentById = (token: string, id: string) =>
  gql<{ document: (Doc & Record<string, unknown>) | null }>(
    `query($id: ID!) { document(id: $id) { ${DOC_FIELDS} payments { amount } comments { body author { id } } } }`,
    { id },
    token,
  );

describe('life cycle and numbering', () => {
  let owner: Auth;
  let customerId: string;
  beforeAll(async () => {
    owner = await registerOrganization(gateway, 'doc-life');
    customerId = await newCustomer(owner.accessToken, 'Life Cycle GmbH');
  });

  it('checks drafts field by field and keeps them editable until issued', async () => {
    const t = owner.accessToken;
    expect(errorField(await draft(t, { customerId, currency: 'XYZ' }))).toBe('input.currency');
    const badLine = await draft(t, {
      customerId,
      lines: [{ description: 'x', quantity: '1,5', unitPrice: '1', taxRate: '19' }],
    });
    expect(errorField(badLine)).toBe('input.lines.0.quantity');
    const unknownCustomer = await draft(t, { customerId: 'nope' });
    expect([errorCode(unknownCustomer), errorField(unknownCustomer)]).toEqual([
      'NOT_FOUND',
      'input.customerId',
    ]);
    const late = await draft(t, { customerId, issueDate: '2026-05-10', dueDate: '2026-05-01' });
    expect(errorField(late)).toBe('input.dueDate');

    const created = (await draft(t, { customerId })).data!.createDocument;
    expect(created).toMatchObject({
      status: 'DRAFT',
      number: null,
      paymentState: null,
      grossTotal: '119.00',
    });
    const updated = await gql<{ updateDocument: Doc }>(
      `mutation($id: ID!, $input: DocumentInput!) { updateDocument(id: $id, input: $input) { ${DOC_FIELDS} } }`,
      {
        id: created.id,
        input: {
          type: 'INVOICE',
          customerId,
          currency: 'BHD',
          lines: [{ description: 'Fee', quantity: '3', unitPrice: '0.3335', taxRate: '10' }],
        },
      },
      t,
    );
    expect(updated.data!.updateDocument).toMatchObject({
      currency: 'BHD',
      netTotal: '1.001',
      taxTotal: '0.100',
      grossTotal: '1.101',
    });
    // Staff find their drafts by status, across customers and on the customer's own list.
    const byStatus = async (filter: string) => {
      const { documents } = await graphqlData<{ documents: { edges: { node: { id: string } }[] } }>(
        gateway,
        `{ documents(first: 100, filter: ${filter}) { edges { node { id } } } }`,
        {},
        { token: t },
      );
      return documents.edges.map((edge) => edge.node.id);
    };
    expect(await byStatus('{ statuses: [DRAFT] }')).toContain(created.id);
    expect(await byStatus(`{ statuses: [DRAFT], customerId: "${customerId}" }`)).toContain(
      created.id,
    );
    expect(await byStatus('{ statuses: [ISSUED, VOID] }')).not.toContain(created.id);
    const done = await issue(t, created.id);
    expect(done).toMatchObject({ status: 'ISSUED', paymentState: 'UNPAID', balanceDue: '1.101' });
    expect(done.number).toMatch(new RegExp(`^INV-${year}-\\d{6}$`));
    const again = await gql(
      `mutation($id: ID!, $input: DocumentInput!) { updateDocument(id: $id, input: $input) { id } }`,
      { id: created.id, input: { type: 'INVOICE', customerId, currency: 'EUR', lines: [] } },
      t,
    );
    expect(errorCode(again)).toBe('CONFLICT');
    expect(
      errorCode(
        await gql('mutation($id: ID!) { issueDocument(id: $id) { id } }', { id: created.id }, t),
      ),
    ).toBe('CONFLICT');
  });

  it('numbers documents issued side by side without gaps or repeats', async () => {
    const { accessToken: t } = await registerOrganization(gateway, 'doc-numbers');
    const customer = await newCustomer(t, 'Parallel AG');
    const drafts = await Promise.all(
      Array.from({ length: 20 }, () => draft(t, { customerId: customer, type: 'CREDIT_NOTE' })),
    );
    // The same draft issued five times at once: one succeeds, the rest are told it is in progress or done.
    const first = drafts[0]!.data!.createDocument.id;
    const sameDraft = await Promise.all(
      Array.from({ length: 5 }, () =>
        gql<{ issueDocument: Doc }>(
          'mutation($id: ID!) { issueDocument(id: $id) { number } }',
          { id: first },
          t,
        ),
      ),
    );
    expect(sameDraft.filter((r) => r.data?.issueDocument).length).toBe(1);
    expect(sameDraft.filter((r) => errorCode(r) === 'CONFLICT').length).toBe(4);
    const rest = await Promise.all(
      drafts
        .slice(1)
        .map((d) =>
          gql<{ issueDocument: Doc }>(
            'mutation($id: ID!) { issueDocument(id: $id) { number } }',
            { id: d.data!.createDocument.id },
            t,
          ),
        ),
    );
    const numbers = [...sameDraft, ...rest]
      .map((r) => r.data?.issueDocument.number)
      .filter((n): n is string => Boolean(n))
      .sort();
    expect(numbers).toEqual(
      Array.from({ length: 20 }, (_, i) => `CN-${year}-${String(i + 1).padStart(6, '0')}`),
    );
  });

  it('freezes the bill-to data when issuing', async () => {
    const t = owner.accessToken;
    const { createCustomer } = await graphqlData<{ createCustomer: { id: string } }>(
      gateway,
      'mutation { createCustomer(input: { type: COMPANY, companyName: "Frozen GmbH", vatId: "DE123456789", address: { street: "Kai 1", postalCode: "20457", city: "Hamburg", country: "DE" } }) { id } }',
      {},
      { token: t },
    );
    await documentServiceKnows(t, createCustomer.id);
    const invoice = await issued(t, { customerId: createCustomer.id });
    await graphqlData(
      gateway,
      'mutation($id: ID!) { updateCustomer(id: $id, input: { type: COMPANY, companyName: "Renamed GmbH" }) { id } }',
      { id: createCustomer.id },
      { token: t },
    );
    const read = async () =>
      (
        await graphqlData<{ document: { billTo: Record<string, unknown> } }>(
          gateway,
          'query($id: ID!) { document(id: $id) { billTo { name city country vatId } } }',
          { id: invoice.id },
          { token: t },
        )
      ).document.billTo;
    expect(await read()).toEqual({
      name: 'Frozen GmbH',
      city: 'Hamburg',
      country: 'DE',
      vatId: 'DE123456789',
    });
    // A later draft takes the new name once the document service has heard of it.
    await eventually(async () => {
      const later = await issued(t, { customerId: createCustomer.id });
      const { document } = await graphqlData<{ document: { billTo: { name: string } } }>(
        gateway,
        'query($id: ID!) { document(id: $id) { billTo { name } } }',
        { id: later.id },
        { token: t },
      );
      return document.billTo.name === 'Renamed GmbH';
    });
    // The customer's current name (which the document service provides from its copy)
    // is the new one on the issued invoice too, while its bill-to stays as issued.
    const { document } = await graphqlData<{
      document: { billTo: { name: string }; customer: { displayName: string; number: string } };
    }>(
      gateway,
      'query($id: ID!) { document(id: $id) { billTo { name } customer { displayName number } } }',
      { id: invoice.id },
      { token: t },
    );
    expect(document.billTo.name).toBe('Frozen GmbH');
    expect(document.customer.displayName).toBe('Renamed GmbH');
    expect(document.customer.number).toMatch(/\S/);
  });

  it('forms numbers from the tenant pattern (owners and admins set it)', async () => {
    const t = owner.accessToken;
    const bad = await gql(
      'mutation { setDocumentNumberPattern(type: ESTIMATE, pattern: "EST-{YYYY}") { pattern } }',
      {},
      t,
    );
    expect([errorCode(bad), errorField(bad)]).toEqual(['BAD_USER_INPUT', 'pattern']);
    const set = await gql<{ setDocumentNumberPattern: { example: string } }>(
      'mutation { setDocumentNumberPattern(type: ESTIMATE, pattern: "AN/{YY}/{SEQ:4}") { example } }',
      {},
      t,
    );
    expect(set.data!.setDocumentNumberPattern.example).toBe(`AN/${String(year).slice(2)}/0001`);
    const estimate = await issued(t, { customerId, type: 'ESTIMATE' });
    expect(estimate.number).toBe(`AN/${String(year).slice(2)}/0001`);
    expect(estimate.paymentState).toBeNull(); // estimates are not paid
  });

  it('moves through payments to PAID, refuses overpaying, voids only what is unpaid', async () => {
    const t = owner.accessToken;
    const invoice = await issued(t, { customerId });
    const part = await pay(t, invoice.id, '19.00');
    expect(part.data!.recordPayment).toMatchObject({
      status: 'PARTIALLY_PAID',
      paymentState: 'PARTIALLY_PAID',
      paidTotal: '19.00',
      balanceDue: '100.00',
    });
    expect(errorField(await pay(t, invoice.id, '100.01'))).toBe('input.amount');
    expect(errorField(await pay(t, invoice.id, '1.005'))).toBe('input.amount');
    expect(errorField(await pay(t, invoice.id, '-5'))).toBe('input.amount');
    const full = await pay(t, invoice.id, '100');
    expect(full.data!.recordPayment).toMatchObject({
      status: 'PAID',
      paymentState: 'PAID',
      balanceDue: '0.00',
    });
    const voidPaid = await gql(
      'mutation($id: ID!) { voidDocument(id: $id, reason: "wrong") { status } }',
      { id: invoice.id },
      t,
    );
    expect(errorCode(voidPaid)).toBe('CONFLICT');

    const credit = await issued(t, {
      customerId,
      type: 'CREDIT_NOTE',
      lines: [{ description: 'Refund', quantity: '-1', unitPrice: '50', taxRate: '19' }],
    });
    expect(credit).toMatchObject({
      grossTotal: '-59.50',
      balanceDue: '-59.50',
      paymentState: 'UNPAID',
    });
    const refunded = await pay(t, credit.id, '59.50');
    expect(refunded.data!.recordPayment).toMatchObject({
      paymentState: 'PAID',
      paidTotal: '-59.50',
      balanceDue: '0.00',
    });

    const mistaken = await issued(t, { customerId });
    const voided = await gql<{ voidDocument: Doc & { voidReason: string } }>(
      `mutation($id: ID!) { voidDocument(id: $id, reason: "sent twice") { ${DOC_FIELDS} voidReason } }`,
      { id: mistaken.id },
      t,
    );
    expect(voided.data!.voidDocument).toMatchObject({
      status: 'VOID',
      paymentState: null,
      balanceDue: '0.00',
      voidReason: 'sent twice',
    });
    expect(voided.data!.voidDocument.number).toBe(mistaken.number);
    expect(errorCode(await pay(t, mistaken.id, '1'))).toBe('CONFLICT');
  });

  it('states a customer’s open items and balances per currency', async () => {
    const t = owner.accessToken;
    const statement = async (id: string | null, token = t) =>
      gql<{
        accountStatement: {
          customer: { id: string };
          openDocuments: { id: string; balanceDue: string; paymentState: string }[];
          totals: { currency: string; balanceDue: string }[];
        };
      }>(
        'query($c: ID) { accountStatement(customerId: $c) { customer { id } date openDocuments { id balanceDue paymentState } totals { currency balanceDue } } }',
        { c: id },
        token,
      );
    const result = (await statement(customerId)).data!.accountStatement;
    expect(result.customer.id).toBe(customerId);
    expect(
      result.openDocuments.every((d) =>
        ['UNPAID', 'PARTIALLY_PAID', 'OVERDUE'].includes(d.paymentState),
      ),
    ).toBe(true);
    const { documents } = await graphqlData<{
      documents: { totals: { currency: string; balanceDue: string }[] };
    }>(
      gateway,
      'query($c: ID!) { documents(filter: { customerId: $c, paymentStates: [UNPAID, PARTIALLY_PAID, OVERDUE] }) { totals { currency balanceDue } } }',
      { c: customerId },
      { token: t },
    );
    expect(result.totals).toEqual(documents.totals);
    expect(errorField(await statement(null))).toBe('customerId');
    expect(errorCode(await statement('nope'))).toBe('NOT_FOUND');
  });

  it('emails the statement as a PDF to a customer with an email address', async () => {
    const t = owner.accessToken;
    const send = (id: string) =>
      gql<{ sendAccountStatement: boolean }>(
        'mutation($c: ID!) { sendAccountStatement(customerId: $c) }',
        { c: id },
        t,
      );
    expect(errorField(await send(customerId))).toBe('customerId'); // no email address
    const { createCustomer } = await graphqlData<{ createCustomer: { id: string } }>(
      gateway,
      'mutation { createCustomer(input: { type: COMPANY, companyName: "Statement AG", email: "ap@statement.example" }) { id } }',
      {},
      { token: t },
    );
    await documentServiceKnows(t, createCustomer.id);
    const open = await issued(t, { customerId: createCustomer.id });
    expect((await send(createCustomer.id)).data).toEqual({ sendAccountStatement: true });
    const mail = await emailTo(running.mailbox, 'ap@statement.example', 'Account statement as of');
    expect(mail.text).toContain('Balance due (EUR): €119.00');
    const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf');
    expect(pdf?.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(open.number).not.toBeNull();
  });

  it('marks unpaid documents past their due date OVERDUE and filters by it', async () => {
    const t = owner.accessToken;
    const late = await issued(t, {
      customerId,
      issueDate: daysFromNow(-40),
      dueDate: daysFromNow(-10),
    });
    expect(late.paymentState).toBe('OVERDUE');
    const { documents } = await graphqlData<{ documents: { edges: { node: { id: string } }[] } }>(
      gateway,
      'query($c: ID!) { documents(filter: { customerId: $c, paymentStates: [OVERDUE] }) { edges { node { id } } } }',
      { c: customerId },
      { token: t },
    );
    expect(documents.edges.map((e) => e.node.id)).toEqual([late.id]);
  });
});

describe('listing', () => {
  it('filters, sorts by a repeated value without duplicates and sums per currency', async () => {
    const { accessToken: t } = await registerOrganization(gateway, 'doc-list');
    const customerId = await newCustomer(t, 'Listing KG');
    const amounts = ['10.00', '20.00', '10.00', '30.00', '10.00'];
    for (const amount of amounts)
      await issued(t, {
        customerId,
        lines: [{ description: 'x', quantity: '1', unitPrice: amount, taxRate: '0' }],
      });
    await issued(t, {
      customerId,
      currency: 'JPY',
      lines: [{ description: 'y', quantity: '3', unitPrice: '333.5', taxRate: '10' }],
    });
    await draft(t, { customerId, type: 'ESTIMATE' });

    const seen: string[] = [];
    let after: string | null = null;
    let totals: unknown;
    do {
      const page: {
        documents: {
          edges: { node: { id: string; grossTotal: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
          totalCount: number;
          totals: unknown;
        };
      } = await graphqlData(
        gateway,
        'query($after: String) { documents(first: 2, after: $after, filter: { types: [INVOICE], currency: "eur" }, sort: { field: GROSS_TOTAL, direction: ASC }) { edges { node { id grossTotal } } pageInfo { hasNextPage endCursor } totalCount totals { currency grossTotal paidTotal balanceDue } } }',
        { after },
        { token: t },
      );
      seen.push(...page.documents.edges.map((e) => `${e.node.grossTotal}:${e.node.id}`));
      expect(page.documents.totalCount).toBe(5);
      totals = page.documents.totals;
      after = page.documents.pageInfo.hasNextPage ? page.documents.pageInfo.endCursor : null;
    } while (after);
    expect(seen.map((s) => s.split(':')[0])).toEqual(['10.00', '10.00', '10.00', '20.00', '30.00']);
    expect(new Set(seen).size).toBe(5);
    expect(totals).toEqual([
      { currency: 'EUR', grossTotal: '80.00', paidTotal: '0.00', balanceDue: '80.00' },
    ]);

    const all = await graphqlData<{ documents: { totals: unknown[]; totalCount: number } }>(
      gateway,
      '{ documents { totalCount totals { currency grossTotal } } }',
      {},
      { token: t },
    );
    expect(all.documents.totalCount).toBe(7);
    expect(all.documents.totals).toEqual([
      { currency: 'EUR', grossTotal: '199.00' }, // the draft estimate counts: it was matched
      { currency: 'JPY', grossTotal: '1101' },
    ]);
    const byNumber = await graphqlData<{ documents: { totalCount: number } }>(
      gateway,
      `{ documents(filter: { numberContains: "${year}-000003" }) { totalCount } }`,
      {},
      { token: t },
    );
    expect(byNumber.documents.totalCount).toBe(1);
    const badCursor = await gql('{ documents(after: "garbage") { totalCount } }', {}, t);
    expect(errorField(badCursor)).toBe('after');
  });
});

describe('who sees what', () => {
  const org = 'doc-portal';
  let owner: Auth;
  let customerId: string;
  let otherCustomerId: string;
  let levels: Record<string, string>;
  beforeAll(async () => {
    owner = await registerOrganization(gateway, org);
    customerId = await newCustomer(owner.accessToken, 'Portal Customer');
    otherCustomerId = await newCustomer(owner.accessToken, 'Other Portal Customer');
    const { accessLevels } = await graphqlData<{ accessLevels: { id: string; name: string }[] }>(
      gateway,
      '{ accessLevels { id name } }',
      {},
      { token: owner.accessToken },
    );
    levels = Object.fromEntries(accessLevels.map((level) => [level.name, level.id]));
  });

  it('shows a contact only their customer’s shared, issued documents of enabled types', async () => {
    const t = owner.accessToken;
    const visible = await issued(t, { customerId });
    const unshared = await issued(t, { customerId });
    await gql(
      'mutation($id: ID!) { setDocumentShared(id: $id, shared: false) { id } }',
      { id: unshared.id },
      t,
    );
    const notIssued = (await draft(t, { customerId })).data!.createDocument;
    const estimate = await issued(t, { customerId, type: 'ESTIMATE' });
    const foreign = await issued(t, { customerId: otherCustomerId });

    const { contact } = await grantAndJoin(running, t, org, customerId, {
      email: 'see@portal.example',
    });
    const c = contact.accessToken;
    const listed = async () =>
      (
        await graphqlData<{ documents: { edges: { node: { id: string } }[] } }>(
          gateway,
          '{ documents { edges { node { id } } } }',
          {},
          { token: c },
        )
      ).documents.edges
        .map((e) => e.node.id)
        .sort();
    expect(await listed()).toEqual([visible.id, estimate.id].sort());
    for (const hidden of [unshared.id, notIssued.id, foreign.id])
      expect((await documentById(c, hidden)).data!.document).toBeNull();
    const byFilter = await graphqlData<{ documents: { totalCount: number } }>(
      gateway,
      'query($c: ID!) { documents(filter: { customerId: $c }) { totalCount } }',
      { c: otherCustomerId },
      { token: c },
    );
    expect(byFilter.documents.totalCount).toBe(0);
    const subgraph = running.platform.processes.find((p) => p.name === 'document')!;
    const entities = await graphqlRequest<{ _entities: unknown[] }>(
      `http://127.0.0.1:${subgraph.port}/graphql`,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Document { id } } }',
      {
        r: [
          { __typename: 'Document', id: foreign.id },
          { __typename: 'Document', id: visible.id },
        ],
      },
      { token: c, headers: { 'x-gateway-secret': running.platform.gatewaySecret } },
    );
    expect(entities.data!._entities).toEqual([null, { id: visible.id }]);

    // The tenant turns estimates off in the portal: they leave the contact's view.
    await graphqlData(
      gateway,
      'mutation { updatePortalSettings(input: { enabledDocumentTypes: [INVOICE] }) { shareNewDocuments } }',
      {},
      { token: t },
    );
    await eventually(async () => (await listed()).length === 1);
    expect(await listed()).toEqual([visible.id]);
    expect(
      errorCode(
        await gql(
          'mutation($id: ID!) { setDocumentShared(id: $id, shared: true) { id } }',
          { id: unshared.id },
          c,
        ),
      ),
    ).toBe('FORBIDDEN');
  });

  it('shows payments, comments and estimate answers only with their permissions', async () => {
    const t = owner.accessToken;
    await graphqlData(
      gateway,
      'mutation { updatePortalSettings(input: { enabledDocumentTypes: [INVOICE, ESTIMATE] }) { shareNewDocuments } }',
      {},
      { token: t },
    );
    const invoice = await issued(t, { customerId });
    await pay(t, invoice.id, '50');
    const estimate = await issued(t, { customerId, type: 'ESTIMATE' });
    const reader = (
      await grantAndJoin(running, t, org, customerId, {
        email: 'reader@portal.example',
        accessLevelId: levels['Read only'],
      })
    ).contact;
    const { contact: full, accessId: fullAccessId } = await grantAndJoin(
      running,
      t,
      org,
      customerId,
      { email: 'full@portal.example', accessLevelId: levels['Full access'] },
    );
    await eventually(
      async () => (await documentById(reader.accessToken, invoice.id)).data?.document,
    );

    expect((await documentById(reader.accessToken, invoice.id)).data!.document!.payments).toEqual(
      [],
    );
    expect((await documentById(full.accessToken, invoice.id)).data!.document!.payments).toEqual([
      { amount: '50.00' },
    ]);

    const comment = (token: string, body: string) =>
      gql<{ addDocumentComment: { body: string; author: { id: string; email: string } } }>(
        'mutation($d: ID!, $b: String!) { addDocumentComment(documentId: $d, body: $b) { body author { id email } } }',
        { d: invoice.id, b: body },
        token,
      );
    expect(errorCode(await comment(reader.accessToken, 'hello'))).toBe('FORBIDDEN');
    expect(errorField(await comment(full.accessToken, '   '))).toBe('body');
    const asked = await comment(full.accessToken, 'Can we pay in two parts?');
    expect(asked.data!.addDocumentComment).toEqual({
      body: 'Can we pay in two parts?',
      author: { id: full.user.id, email: 'full@portal.example' },
    });
    await comment(t, 'Yes, of course.');
    const thread = (await documentById(full.accessToken, invoice.id)).data!.document!.comments as {
      body: string;
      author: { id: string };
    }[];
    expect(thread.map((entry) => [entry.body, entry.author.id])).toEqual([
      ['Can we pay in two parts?', full.user.id],
      ['Yes, of course.', owner.user.id],
    ]);
    // Of the staff member who answered, the contact sees the name only.
    const authors = async (fields: string) =>
      gql<{ document: { comments: { author: Record<string, unknown> }[] } | null }>(
        `query($id: ID!) { document(id: $id) { comments { author { ${fields} } } } }`,
        { id: invoice.id },
        full.accessToken,
      );
    const named = await authors('id firstName lastName role lastLoginAt kind');
    expect(named.data!.document!.comments[1]!.author).toEqual({
      id: owner.user.id,
      firstName: 'Ole',
      lastName: 'Owner',
      role: null,
      lastLoginAt: null,
      kind: 'STAFF',
    });
    expect(named.data!.document!.comments[0]!.author.role).toBeNull(); // the contact's own
    expect(errorCode(await authors('email'))).toBe('FORBIDDEN');

    const respond = (token: string, id: string, decision: string) =>
      gql<{ respondToEstimate: { status: string } }>(
        'mutation($id: ID!, $d: EstimateDecision!) { respondToEstimate(id: $id, decision: $d, comment: "Fine") { status } }',
        { id, d: decision },
        token,
      );
    expect(errorCode(await respond(reader.accessToken, estimate.id, 'ACCEPT'))).toBe('FORBIDDEN');
    expect(errorField(await respond(full.accessToken, invoice.id, 'ACCEPT'))).toBe('id');
    expect(
      (await respond(full.accessToken, estimate.id, 'ACCEPT')).data!.respondToEstimate.status,
    ).toBe('ACCEPTED');
    expect(errorCode(await respond(full.accessToken, estimate.id, 'DECLINE'))).toBe('CONFLICT');
    expect(errorCode(await respond(t, estimate.id, 'DECLINE'))).toBe('FORBIDDEN'); // staff do not answer for the customer

    // A lower level holds on the contact's very next request (no waiting for replicas).
    await graphqlData(
      gateway,
      'mutation($id: ID!, $input: UpdateAccessInput!) { updatePortalAccess(id: $id, input: $input) { id } }',
      { id: fullAccessId, input: { accessLevelId: levels['Read only'] } },
      { token: t },
    );
    expect((await documentById(full.accessToken, invoice.id)).data!.document!.payments).toEqual([]);
    expect(errorCode(await comment(full.accessToken, 'Still there?'))).toBe('FORBIDDEN');
  });

  it('shows a SPECIALIST the documents of customers they administer and those they process', async () => {
    const t = owner.accessToken;
    const administered = await issued(t, { customerId });
    const processed = await issued(t, { customerId: otherCustomerId });
    const { createStaffUser } = await graphqlData<{ createStaffUser: { id: string } }>(
      gateway,
      'mutation { createStaffUser(input: { email: "spec@portal.example", role: SPECIALIST }) { id } }',
      {},
      { token: t },
    );
    const mail = await emailTo(running.mailbox, 'spec@portal.example', 'You are invited to');
    const specialist = (
      await acceptInvitation(gateway, linkToken(mail, '/accept-invitation'), null)
    ).data!.acceptInvitation;
    const s = specialist.accessToken;
    expect((await documentById(s, administered.id)).data!.document).toBeNull();

    await eventually(async () => {
      const set = await gql(
        'mutation($c: ID!, $u: [ID!]!) { setCustomerAdministrators(customerId: $c, userIds: $u) { id } }',
        { c: customerId, u: [createStaffUser.id] },
        t,
      );
      return !set.errors;
    });
    await eventually(async () => (await documentById(s, administered.id)).data?.document);
    expect((await documentById(s, processed.id)).data!.document).toBeNull();
    expect(
      errorCode(
        await gql(
          'mutation($id: ID!, $u: [ID!]!) { setDocumentProcessors(id: $id, userIds: $u) { id } }',
          { id: processed.id, u: [createStaffUser.id] },
          s,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorField(
        await gql(
          'mutation($id: ID!) { setDocumentProcessors(id: $id, userIds: ["nobody"]) { id } }',
          { id: processed.id },
          t,
        ),
      ),
    ).toBe('userIds');
    const assigned = await gql<{ setDocumentProcessors: { processors: { id: string }[] } }>(
      'mutation($id: ID!, $u: [ID!]!) { setDocumentProcessors(id: $id, userIds: $u) { processors { id } } }',
      { id: processed.id, u: [createStaffUser.id] },
      t,
    );
    expect(assigned.data!.setDocumentProcessors.processors).toEqual([{ id: createStaffUser.id }]);
    expect((await documentById(s, processed.id)).data!.document!.id).toBe(processed.id);

    // A processed document is no key to its customer: drafts, statements and tenant-wide tools
    // stay out of reach, answered as if the customer did not exist (or FORBIDDEN for the tools).
    const input = { customerId: otherCustomerId, type: 'INVOICE', currency: 'EUR', lines: [] };
    const createFor = (c: string) =>
      gql<{ createDocument: { id: string } }>(
        'mutation($input: DocumentInput!) { createDocument(input: $input) { id } }',
        { input: { ...input, customerId: c } },
        s,
      );
    const unknown = await createFor('no-such-customer');
    const foreign = await createFor(otherCustomerId);
    expect([errorCode(foreign), errorField(foreign), foreign.errors?.[0]?.message]).toEqual([
      errorCode(unknown),
      'input.customerId',
      unknown.errors?.[0]?.message,
    ]);
    const own = await createFor(customerId);
    expect(own.errors).toBeUndefined();
    const moved = await gql(
      'mutation($id: ID!, $input: DocumentInput!) { updateDocument(id: $id, input: $input) { id } }',
      { id: own.data!.createDocument.id, input },
      s,
    );
    expect(errorField(moved)).toBe('input.customerId');
    const statement = (c: string) =>
      gql('query($c: ID) { accountStatement(customerId: $c) { customer { id } } }', { c }, s);
    expect((await statement(customerId)).errors).toBeUndefined();
    expect(errorCode(await statement(otherCustomerId))).toBe('NOT_FOUND');
    expect(
      errorCode(
        await gql(
          'mutation($c: ID!) { sendAccountStatement(customerId: $c) }',
          { c: otherCustomerId },
          s,
        ),
      ),
    ).toBe('NOT_FOUND');
    for (const tool of [
      '{ auditLog { totalCount } }',
      '{ staffUsers { id } }',
      '{ emailHistory { totalCount } }',
      'mutation { resendEmail(id: "any") { id } }',
    ])
      expect([tool, errorCode(await gql(tool, {}, s))]).toEqual([tool, 'FORBIDDEN']);

    const other = await graphqlRequest(
      gateway,
      '{ documents { totalCount } }',
      {},
      { token: (await registerOrganization(gateway, 'doc-other-tenant')).accessToken },
    );
    expect(other.data).toEqual({ documents: { totalCount: 0 } });
  });

  it('gives a short-lived PDF link bound to the document, records and audits a contact’s download', async () => {
    const t = owner.accessToken;
    const invoice = await issued(t, { customerId });
    const other = await issued(t, { customerId });
    const { contact: reader, accessId: readerAccess } = await grantAndJoin(
      running,
      t,
      org,
      customerId,
      { email: 'dl@portal.example', accessLevelId: levels['Read only'] },
    );
    const statementsOnly = await graphqlData<{ createAccessLevel: { id: string } }>(
      gateway,
      'mutation { createAccessLevel(input: { name: "View only", permissions: [VIEW_DOCUMENTS] }) { id } }',
      {},
      { token: t },
    );
    const viewer = (
      await grantAndJoin(running, t, org, customerId, {
        email: 'noview@portal.example',
        accessLevelId: statementsOnly.createAccessLevel.id,
      })
    ).contact;
    const request = (token: string, id: string) =>
      gql<{ requestDocumentDownload: { url: string; expiresAt: string } }>(
        'mutation($id: ID!) { requestDocumentDownload(id: $id) { url expiresAt } }',
        { id },
        token,
      );
    await eventually(
      async () => (await documentById(reader.accessToken, invoice.id)).data?.document,
    );
    expect(errorCode(await request(viewer.accessToken, invoice.id))).toBe('FORBIDDEN');
    // Neither level includes VIEW_STATEMENTS.
    const statement = '{ accountStatement { totals { currency } } }';
    expect(errorCode(await gql(statement, {}, reader.accessToken))).toBe('FORBIDDEN');
    const standard = (
      await grantAndJoin(running, t, org, customerId, { email: 'stmt@portal.example' })
    ).contact;
    expect((await gql(statement, {}, standard.accessToken)).errors).toBeUndefined();
    expect(
      errorCode(
        await request(reader.accessToken, (await draft(t, { customerId })).data!.createDocument.id),
      ),
    ).toBe('NOT_FOUND');

    const link = (await request(reader.accessToken, invoice.id)).data!.requestDocumentDownload;
    expect(link.url.startsWith(`https://portal.example.test/files/documents/${invoice.id}?`)).toBe(
      true,
    );
    expect(Date.parse(link.expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    await expectPdfAt(link.url);

    const otherDocument = link.url.replace(invoice.id, other.id);
    expect((await viaGateway(otherDocument)).status).toBe(403);
    const tampered = link.url.replace(/sub=[^&]+/, `sub=${owner.user.id}`);
    expect((await viaGateway(tampered)).status).toBe(403);
    const expired = link.url.replace(/exp=\d+/, `exp=${Date.now() - 1000}`);
    expect((await viaGateway(expired)).status).toBe(403); // the signature covers the expiry too

    const retrieved = await graphqlData<{ document: { firstRetrievedAt: string | null } }>(
      gateway,
      'query($id: ID!) { document(id: $id) { firstRetrievedAt lastRetrievedAt } }',
      { id: invoice.id },
      { token: t },
    );
    expect(retrieved.document.firstRetrievedAt).not.toBeNull();
    const { documents } = await graphqlData<{ documents: { totalCount: number } }>(
      gateway,
      'query($c: ID!) { documents(filter: { customerId: $c, retrieved: true }) { totalCount } }',
      { c: customerId },
      { token: t },
    );
    expect(documents.totalCount).toBe(1);
    const audited = await eventually(async () => {
      const { auditLog } = await graphqlData<{
        auditLog: { edges: { node: { action: string; actor: { id: string } } }[] };
      }>(
        gateway,
        'query($d: ID!) { auditLog(filter: { targetId: $d }) { edges { node { action actor { id } } } } }',
        { d: invoice.id },
        { token: t },
      );
      const actions = auditLog.edges.map((e) => `${e.node.action}:${e.node.actor.id}`);
      return actions.includes(`document.downloaded:${reader.user.id}`) && actions;
    });
    expect(audited).toContain(`document.viewed:${reader.user.id}`);

    // A link is no bearer pass: once the access is revoked, the same link answers 403.
    const second = (await request(reader.accessToken, invoice.id)).data!.requestDocumentDownload;
    expect((await viaGateway(second.url)).status).toBe(200);
    const revoked = await gql(
      'mutation($id: ID!) { revokePortalAccess(id: $id) { status } }',
      { id: readerAccess },
      t,
    );
    expect(revoked.errors).toBeUndefined();
    const refused = await viaGateway(second.url);
    expect([refused.status, await refused.text()]).toEqual([403, 'Your portal access has ended']);
    // A staff link dies with the session it was made in.
    const staff = await login(gateway, `owner@${org}.example`);
    const staffLink = (await request(staff.data!.login.accessToken, invoice.id)).data!
      .requestDocumentDownload;
    expect((await viaGateway(staffLink.url)).status).toBe(200);
    await gql('mutation { logout }', {}, staff.data!.login.accessToken);
    expect((await viaGateway(staffLink.url)).status).toBe(403);
  });

  it('renders a contact’s statement to a PDF only they can fetch, for as long as their access', async () => {
    const t = owner.accessToken;
    await issued(t, { customerId });
    const { contact, accessId } = await grantAndJoin(running, t, org, customerId, {
      email: 'stmt-pdf@portal.example',
    });
    const { contact: reader } = await grantAndJoin(running, t, org, customerId, {
      email: 'stmt-pdf-reader@portal.example',
      accessLevelId: levels['Read only'],
    });
    const request = (token: string) =>
      gql<{ requestStatementDownload: { url: string; expiresAt: string } }>(
        'mutation { requestStatementDownload { url expiresAt } }',
        {},
        token,
      );
    expect(errorCode(await request(reader.accessToken))).toBe('FORBIDDEN');
    expect(errorCode(await request(t))).toBe('FORBIDDEN');

    const link = (await request(contact.accessToken)).data!.requestStatementDownload;
    expect(link.url).toMatch(
      /^https:\/\/portal\.example\.test\/files\/statements\/[0-9a-f-]{36}\?/,
    );
    // Rendered after the answer: 404 until it is there.
    await expectPdfAt(link.url);

    // The signature binds the link to this statement and this contact.
    const [, id] = /statements\/([0-9a-f-]{36})/.exec(link.url)!;
    const another = (await request(contact.accessToken)).data!.requestStatementDownload;
    expect(
      (await viaGateway(another.url.replace(/statements\/[0-9a-f-]{36}/, `statements/${id}`)))
        .status,
    ).toBe(403);
    await gql('mutation($id: ID!) { revokePortalAccess(id: $id) { status } }', { id: accessId }, t);
    expect((await viaGateway(link.url)).status).toBe(403);
  });

  it('emails a new document to each active contact who wants it, as they chose', async () => {
    const t = owner.accessToken;
    const mailCustomer = await newCustomer(t, 'Mail Preferences KG');
    const join = (email: string) =>
      grantAndJoin(running, t, org, mailCustomer, { email }).then((joined) => joined.contact);
    const { createAccessLevel: noDownloads } = await graphqlData<{
      createAccessLevel: { id: string };
    }>(
      gateway,
      'mutation { createAccessLevel(input: { name: "No downloads", permissions: [VIEW_DOCUMENTS] }) { id } }',
      {},
      { token: t },
    );
    const [plain, silent, noPdf] = await Promise.all([
      join('plain@mail.example'),
      join('silent@mail.example'),
      join('nopdf@mail.example'),
      grantAndJoin(running, t, org, mailCustomer, {
        email: 'viewonly@mail.example',
        accessLevelId: noDownloads.id,
      }),
    ]);
    const prefer = (token: string, input: Record<string, boolean>) =>
      graphqlData<{ updateMyNotificationPreferences: Record<string, boolean> }>(
        gateway,
        'mutation($i: NotificationPreferencesInput!) { updateMyNotificationPreferences(input: $i) { emailOnNewDocument attachPdf } }',
        { i: input },
        { token },
      );
    expect(
      (await prefer(silent.accessToken, { emailOnNewDocument: false }))
        .updateMyNotificationPreferences,
    ).toEqual({ emailOnNewDocument: false, attachPdf: true });
    await prefer(noPdf.accessToken, { attachPdf: false });
    const { myNotificationPreferences } = await graphqlData<{ myNotificationPreferences: unknown }>(
      gateway,
      '{ myNotificationPreferences { emailOnNewDocument attachPdf } }',
      {},
      { token: plain.accessToken },
    );
    expect(myNotificationPreferences).toEqual({ emailOnNewDocument: true, attachPdf: true });
    expect(errorCode(await gql('{ myNotificationPreferences { attachPdf } }', {}, t))).toBe(
      'FORBIDDEN',
    );

    const invoice = await issued(t, { customerId: mailCustomer });
    const subject = `Invoice ${invoice.number}`;
    const toPlain = await emailTo(running.mailbox, 'plain@mail.example', subject);
    expect(toPlain.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
    const toNoPdf = await emailTo(running.mailbox, 'nopdf@mail.example', subject);
    expect(toNoPdf.attachments).toHaveLength(0);
    expect(toNoPdf.text).not.toContain('attached');
    // Without DOWNLOAD_DOCUMENTS the PDF stays in the portal, whatever the contact prefers.
    const toViewOnly = await emailTo(running.mailbox, 'viewonly@mail.example', subject);
    expect(toViewOnly.attachments).toHaveLength(0);
    expect(toViewOnly.text).toContain(`https://portal.example.test/documents/${invoice.id}`);
    // Both sent: the history holds every delivery for this document, and none to the silent contact.
    const history = await eventually(async () => {
      const { emailHistory } = await graphqlData<{
        emailHistory: { edges: { node: { to: string; documentId: string; status: string } }[] };
      }>(
        gateway,
        'query($c: ID) { emailHistory(customerId: $c) { edges { node { to documentId status } } } }',
        { c: mailCustomer },
        { token: t },
      );
      const forInvoice = emailHistory.edges
        .map((e) => e.node)
        .filter((n) => n.documentId === invoice.id);
      return forInvoice.filter((n) => n.status === 'SENT').length >= 2 && forInvoice;
    });
    expect(history.map((n) => n.to).sort()).toEqual([
      'nopdf@mail.example',
      'plain@mail.example',
      'viewonly@mail.example',
    ]);
  });

  it('emails nothing the portal does not show, not even to the billing address', async () => {
    const t = owner.accessToken;
    const created = await gql<{ createCustomer: { id: string } }>(
      'mutation($input: CustomerInput!) { createCustomer(input: $input) { id } }',
      { input: { type: 'COMPANY', companyName: 'Billing Only AG', email: 'billing@only.example' } },
      t,
    );
    const billingCustomer = created.data!.createCustomer.id;
    await documentServiceKnows(t, billingCustomer);
    const hidden = (await draft(t, { customerId: billingCustomer })).data!.createDocument.id;
    await gql(
      'mutation($id: ID!) { setDocumentShared(id: $id, shared: false) { id } }',
      { id: hidden },
      t,
    );
    const unshared = await issue(t, hidden);
    const shared = await issued(t, { customerId: billingCustomer });
    // Both issued events handled: the unshared PDF is rendered (before recipients are chosen)
    // and the shared document's email reached the billing address.
    await renderedPdf(gateway, t, unshared.id);
    await emailTo(running.mailbox, 'billing@only.example', `Invoice ${shared.number}`);
    const { emailHistory } = await graphqlData<{
      emailHistory: { edges: { node: { documentId: string | null } }[] };
    }>(
      gateway,
      'query($c: ID) { emailHistory(customerId: $c) { edges { node { documentId } } } }',
      { c: billingCustomer },
      { token: t },
    );
    expect(emailHistory.edges.map((e) => e.node.documentId)).toEqual([shared.id]);
    expect(running.mailbox.messages.some((m) => m.subject === `Invoice ${unshared.number}`)).toBe(
      false,
    );
  });
});
