import { eventually, graphqlData, graphqlRequest } from './gateway-client';

export const DEMO_LOGIN = {
  email: 'owner@demo.example',
  password: 'portico-demo-password',
  organizationSlug: 'demo',
};

/**
 * Makes sure the demo tenant exists with a customer and an issued invoice
 * (whose email lands in the dev inbox). Safe to run on every start.
 */
export async function seedDemoData(gatewayUrl: string): Promise<void> {
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
  const { customers } = await graphqlData<{ customers: { totalCount: number } }>(
    gatewayUrl,
    '{ customers { totalCount } }',
    {},
    { token },
  );
  if (customers.totalCount > 0) return;

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
  const draft = await eventually(async () => {
    const result = await graphqlRequest<{ createDocument: { id: string } }>(
      gatewayUrl,
      'mutation($input: DocumentInput!) { createDocument(input: $input) { id } }',
      {
        input: {
          type: 'INVOICE',
          customerId: createCustomer.id,
          currency: 'EUR',
          lines: [
            {
              description: 'Roof repair, labour',
              quantity: '12',
              unitPrice: '68.50',
              taxRate: '19',
            },
            { description: 'Roof tiles', quantity: '140', unitPrice: '1.35', taxRate: '19' },
          ],
        },
      },
      { token },
    );
    return result.data?.createDocument;
  });
  await graphqlData(
    gatewayUrl,
    'mutation($id: ID!) { issueDocument(id: $id) { id } }',
    { id: draft.id },
    { token },
  );
}
