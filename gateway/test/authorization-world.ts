import {
  acceptInvitation,
  emailTo,
  eventually,
  grantAndJoin,
  graphqlData,
  issueInvoice,
  linkToken,
  type Auth,
  type TestPlatform,
} from '@portico/local-infra';
import type { Principal } from './authorization-policy';

/** One customer's side of the tenant: what a cell of the policy aims at. */
export interface TargetObjects {
  customerId: string;
  customerName: string;
  customerEmail: string;
  /** Its staff administrators as they are (so setting them again changes nothing). */
  administratorIds: string[];
  /** An issued, shared invoice. */
  documentId: string;
  /** An issued invoice the void cells may void. */
  voidableId: string;
  draftId: string;
  /** An issued, shared estimate. */
  estimateId: string;
  /** A contact's access (active). */
  accessId: string;
  /** An email of the customer's (an invitation). */
  emailId: string;
}

export interface World {
  /** Each principal's access token; null for the anonymous caller. */
  tokens: Record<Principal, string | null>;
  T1: TargetObjects;
  T2: TargetObjects;
  ownerId: string;
  specOutId: string;
  /** A level nobody is on, for changing it. */
  spareLevelId: string;
  webhookId: string;
  webhookDeliveryId: string;
  invoicePattern: string;
  today: string;
}

type Register = (address: string, slug: string) => Promise<Auth>;

/**
 * Builds the world the authorization matrix runs in: a tenant with an owner, an admin, two
 * specialists (one administering customer 1), customers 1 and 2 with contacts, documents and
 * emails, a webhook with a delivery, a revoked contact, and the owner of another tenant.
 */
export async function buildWorld(running: TestPlatform, register: Register): Promise<World> {
  const gateway = running.platform.gatewayUrl;
  const org = 'authz-a';
  const owner = await register('203.0.113.21', org);
  const foreign = await register('203.0.113.22', 'authz-b');
  const t = owner.accessToken;
  const as = <T>(query: string, variables: Record<string, unknown> = {}, token = t) =>
    graphqlData<T>(gateway, query, variables, { token });

  const staff = async (email: string, role: string): Promise<Auth> => {
    await as(
      'mutation($e: String!, $r: StaffRole!) { createStaffUser(input: { email: $e, role: $r }) { id } }',
      {
        e: email,
        r: role,
      },
    );
    const mail = await emailTo(running.mailbox, email, 'You are invited to');
    const accepted = await acceptInvitation(gateway, linkToken(mail, '/accept-invitation'), null);
    return accepted.data!.acceptInvitation;
  };
  const [admin, specIn, specOut] = [
    await staff('admin@authz-a.example', 'ADMIN'),
    await staff('spec-in@authz-a.example', 'SPECIALIST'),
    await staff('spec-out@authz-a.example', 'SPECIALIST'),
  ];

  const customer = async (name: string, email: string) =>
    (
      await as<{ createCustomer: { id: string } }>(
        'mutation($n: String!, $e: String!) { createCustomer(input: { type: COMPANY, companyName: $n, email: $e }) { id } }',
        { n: name, e: email },
      )
    ).createCustomer.id;
  const c1 = await customer('Authz One GmbH', 'ap@authz-one.example');
  const c2 = await customer('Authz Two GmbH', 'ap@authz-two.example');
  await as(
    'mutation($c: ID!, $u: [ID!]!) { setCustomerAdministrators(customerId: $c, userIds: $u) { id } }',
    {
      c: c1,
      u: [specIn.user.id],
    },
  );

  const { accessLevels } = await as<{ accessLevels: { id: string; name: string }[] }>(
    '{ accessLevels { id name } }',
  );
  const level = (name: string) => accessLevels.find((each) => each.name === name)!.id;
  const { createAccessLevel: spareLevel } = await as<{ createAccessLevel: { id: string } }>(
    'mutation { createAccessLevel(input: { name: "Spare", permissions: [VIEW_DOCUMENTS] }) { id } }',
  );
  const join = (customerId: string, email: string, levelName: string) =>
    grantAndJoin(running, t, org, customerId, { email, accessLevelId: level(levelName) });
  const full = await join(c1, 'full@authz-one.example', 'Full access');
  const read = await join(c1, 'read@authz-one.example', 'Read only');
  const other = await join(c2, 'other@authz-two.example', 'Full access');
  const revoked = await join(c1, 'revoked@authz-one.example', 'Full access');
  await as('mutation($id: ID!) { revokePortalAccess(id: $id) { id } }', { id: revoked.accessId });

  // A webhook that gets deliveries from here on (to an address nobody listens on).
  const { registerWebhookEndpoint } = await as<{
    registerWebhookEndpoint: { endpoint: { id: string } };
  }>(
    'mutation { registerWebhookEndpoint(input: { url: "http://127.0.0.1:9/authz", eventTypes: [DOCUMENT_ISSUED] }) { endpoint { id } } }',
  );
  const webhookId = registerWebhookEndpoint.endpoint.id;

  const documentsOf = async (customerId: string) => {
    const invoice = await issueInvoice(gateway, t, customerId);
    const voidable = await issueInvoice(gateway, t, customerId);
    const estimate = await issueInvoice(gateway, t, customerId, { type: 'ESTIMATE' });
    const { createDocument } = await as<{ createDocument: { id: string } }>(
      'mutation($c: ID!) { createDocument(input: { customerId: $c, type: INVOICE, currency: "EUR", lines: [] }) { id } }',
      { c: customerId },
    );
    return {
      documentId: invoice.id,
      voidableId: voidable.id,
      estimateId: estimate.id,
      draftId: createDocument.id,
    };
  };
  const firstEmail = (customerId: string) =>
    eventually(async () => {
      const { emailHistory } = await as<{ emailHistory: { edges: { node: { id: string } }[] } }>(
        'query($c: ID) { emailHistory(customerId: $c) { edges { node { id } } } }',
        { c: customerId },
      );
      return emailHistory.edges[0]?.node.id;
    });
  const target = async (
    customerId: string,
    name: string,
    email: string,
    administratorIds: string[],
    accessId: string,
  ): Promise<TargetObjects> => ({
    customerId,
    customerName: name,
    customerEmail: email,
    administratorIds,
    accessId,
    emailId: await firstEmail(customerId),
    ...(await documentsOf(customerId)),
  });
  const T1 = await target(
    c1,
    'Authz One GmbH',
    'ap@authz-one.example',
    [specIn.user.id],
    read.accessId,
  );
  const T2 = await target(c2, 'Authz Two GmbH', 'ap@authz-two.example', [], other.accessId);

  // Each reader sees its documents before the matrix starts: the document service learns of
  // customers, administrators and accesses from events.
  const sees = (token: string, documentId: string) =>
    eventually(async () => {
      const { document } = await graphqlData<{ document: { id: string } | null }>(
        gateway,
        'query($id: ID!) { document(id: $id) { id } }',
        { id: documentId },
        { token },
      );
      return document?.id;
    });
  await sees(specIn.accessToken, T1.documentId);
  await sees(full.contact.accessToken, T1.documentId);
  await sees(other.contact.accessToken, T2.documentId);

  const webhookDeliveryId = await eventually(async () => {
    const { webhookEndpoint } = await as<{
      webhookEndpoint: { deliveries: { edges: { node: { id: string } }[] } };
    }>('query($id: ID!) { webhookEndpoint(id: $id) { deliveries { edges { node { id } } } } }', {
      id: webhookId,
    });
    return webhookEndpoint.deliveries.edges[0]?.node.id;
  });
  const { documentNumberPatterns } = await as<{
    documentNumberPatterns: { type: string; pattern: string }[];
  }>('{ documentNumberPatterns { type pattern } }');

  return {
    tokens: {
      ANONYMOUS: null,
      REVOKED: revoked.contact.accessToken,
      OWNER: t,
      ADMIN: admin.accessToken,
      SPEC_IN: specIn.accessToken,
      SPEC_OUT: specOut.accessToken,
      CONTACT_FULL: full.contact.accessToken,
      CONTACT_READ: read.contact.accessToken,
      CONTACT_OTHER: other.contact.accessToken,
      FOREIGN: foreign.accessToken,
    },
    T1,
    T2,
    ownerId: owner.user.id,
    specOutId: specOut.user.id,
    spareLevelId: spareLevel.id,
    webhookId,
    webhookDeliveryId,
    invoicePattern: documentNumberPatterns.find((each) => each.type === 'INVOICE')!.pattern,
    today: new Date().toISOString().slice(0, 10),
  };
}
