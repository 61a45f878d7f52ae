import { eventually, graphqlData, graphqlRequest } from './gateway-client';
import { issueInvoice, type InvoiceLine } from './portal-actions';

export const DEMO_LOGIN = {
  email: 'owner@demo.example',
  password: 'portico-demo-password',
  organizationSlug: 'demo',
};

/** A contact of the demo customer who can sign in to the portal. */
export const DEMO_CONTACT = { email: 'contact@demo.example', password: 'portico-demo-password' };

/**
 * Makes sure the demo tenant exists with a customer and an issued invoice
 * (whose email lands in the dev inbox). Safe to run on every start.
 */
export async function seedDemoData(gatewayUrl: string, mailInboxUrl?: string): Promise<void> {
  const login = await graphqlRequest<{ login: { accessToken: string } }>(
    gatewayUrl,
    'mutation($e: String!, $p: String!, $o: String) { login(email: $e, password: $p, organizationSlug: $o) { accessToken } }',
    { e: DEMO_LOGIN.email, p: DEMO_LOGIN.password, o: DEMO_LOGIN.organizationSlug },
  );
  let token = login.data?.login.accessToken;
  if (!token) {
    const registered = await graphqlData<{ registerOrganization: { accessToken: string } }>(
      gatewayUrl,
      'mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { accessToken } }',
      {
        input: {
          name: 'Demo Handwerk GmbH',
          slug: DEMO_LOGIN.organizationSlug,
          ownerEmail: DEMO_LOGIN.email,
          ownerPassword: DEMO_LOGIN.password,
          ownerFirstName: 'Dana',
          ownerLastName: 'Demo',
        },
      },
    );
    token = registered.registerOrganization.accessToken;
  }
  const { customers } = await graphqlData<{ customers: { edges: { node: { id: string } }[] } }>(
    gatewayUrl,
    '{ customers(first: 1) { edges { node { id } } } }',
    {},
    { token },
  );
  const existing = customers.edges[0]?.node.id;
  const customerId = existing ?? (await seedCustomer(gatewayUrl, token));
  const contact = await graphqlRequest<{ login: { expiresAt: string } }>(
    gatewayUrl,
    'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { expiresAt } }',
    { e: DEMO_CONTACT.email, p: DEMO_CONTACT.password },
  );
  if (!contact.data && mailInboxUrl)
    await activateDemoContact(gatewayUrl, token, customerId, mailInboxUrl);
}

/** The demo customer with documents of several types, currencies and payment states. */
async function seedCustomer(gatewayUrl: string, token: string): Promise<string> {
  const { createCustomer } = await graphqlData<{ createCustomer: { id: string } }>(
    gatewayUrl,
    'mutation($input: CustomerInput!) { createCustomer(input: $input) { id } }',
    {
      input: {
        type: 'COMPANY',
        companyName: 'Müller Bau GmbH',
        email: 'billing@mueller-bau.example',
      },
    },
    { token },
  );
  const issue = async (type: string, currency: string, lines: InvoiceLine[], dueDate?: string) =>
    (await issueInvoice(gatewayUrl, token, createCustomer.id, { type, currency, lines, dueDate }))
      .id;
  const roof = await issue('INVOICE', 'EUR', [
    { description: 'Roof repair, labour', quantity: '12', unitPrice: '68.50', taxRate: '19' },
    { description: 'Roof tiles', quantity: '140', unitPrice: '1.35', taxRate: '19' },
  ]);
  await graphqlData(
    gatewayUrl,
    'mutation($id: ID!, $input: PaymentInput!) { recordPayment(documentId: $id, input: $input) { id } }',
    { id: roof, input: { amount: '500.00', date: new Date().toISOString().slice(0, 10) } },
    { token },
  );
  await issue(
    'INVOICE',
    'EUR',
    [{ description: 'Gutter cleaning', quantity: '1', unitPrice: '240.00', taxRate: '19' }],
    '2026-01-15',
  );
  await issue('INVOICE', 'CHF', [
    { description: 'Scaffolding hire, Basel', quantity: '5', unitPrice: '120.00', taxRate: '8.1' },
  ]);
  await issue('ESTIMATE', 'EUR', [
    { description: 'Solar panels, installed', quantity: '10', unitPrice: '420.00', taxRate: '0' },
  ]);
  await issue('CREDIT_NOTE', 'EUR', [
    { description: 'Tiles returned', quantity: '20', unitPrice: '1.35', taxRate: '19' },
  ]);
  return createCustomer.id;
}

/**
 * Invites the demo contact and activates the access from the invitation the dev mail catcher
 * (MailDev, whose REST API lists the emails) received: the same link a person would follow.
 */
async function activateDemoContact(
  gatewayUrl: string,
  token: string,
  customerId: string,
  mailInboxUrl: string,
): Promise<void> {
  await graphqlData(
    gatewayUrl,
    'mutation($c: ID!, $input: GrantAccessInput!) { grantPortalAccess(customerId: $c, input: $input) { id } }',
    {
      c: customerId,
      input: { email: DEMO_CONTACT.email, firstName: 'Carla', lastName: 'Contact' },
    },
    { token },
  );
  const invitation = await eventually(async () => {
    const emails = (await fetch(new URL('/email', mailInboxUrl)).then((res) => res.json())) as {
      to: { address: string }[];
      text?: string;
    }[];
    const mail = emails.find((each) => each.to.some((to) => to.address === DEMO_CONTACT.email));
    return mail?.text && /\/accept-invitation\?token=([\w-]+)/.exec(mail.text)?.[1];
  });
  await graphqlData(
    gatewayUrl,
    'mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { expiresAt } }',
    { t: invitation, p: DEMO_CONTACT.password },
  );
}
