import type { ParsedMail } from 'mailparser';
import { eventually, graphqlData, graphqlRequest, type GraphQLResponse } from './gateway-client';
import type { SmsInbox } from './sms-inbox';
import { TEST_PUBLIC_URL, type TestPlatform } from './test-platform';
import type { TestMailbox } from './test-mailbox';

/** Steps end-to-end tests repeat against the gateway: sign-up, sign-in, reading errors and emails. */

export const TEST_PASSWORD = 'a long enough passphrase';
export const AUTH_FIELDS =
  'accessToken refreshToken expiresAt user { id email firstName lastName }';

export interface Auth {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
  user: { id: string; email: string; firstName: string | null; lastName: string | null };
}

/**
 * Asks to register a tenant (owner email: owner@<slug>.example); the answer as it comes, errors
 * included. `headers`: e.g. the X-Forwarded-For a trusted proxy would add.
 */
export function requestRegistration(
  gateway: string,
  slug: string,
  headers: Record<string, string> = {},
) {
  return graphqlRequest<{ registerOrganization: Auth }>(
    gateway,
    `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { ${AUTH_FIELDS} } }`,
    {
      input: {
        name: slug,
        slug,
        ownerEmail: `owner@${slug}.example`,
        ownerPassword: TEST_PASSWORD,
        ownerFirstName: 'Ole',
        ownerLastName: 'Owner',
      },
    },
    { headers },
  );
}

/** A new tenant; returns its owner's session. Owner email: owner@<slug>.example. */
export async function registerOrganization(gateway: string, slug: string): Promise<Auth> {
  const registered = await requestRegistration(gateway, slug);
  if (!registered.data)
    throw new Error(`registration failed: ${JSON.stringify(registered.errors)}`);
  return registered.data.registerOrganization;
}

export function login(gateway: string, email: string, password = TEST_PASSWORD) {
  return graphqlRequest<{ login: Auth }>(
    gateway,
    `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { ${AUTH_FIELDS} } }`,
    { e: email, p: password },
  );
}

export function acceptInvitation(
  gateway: string,
  token: string,
  code: string | null,
  password = TEST_PASSWORD,
) {
  return graphqlRequest<{ acceptInvitation: Auth }>(
    gateway,
    `mutation($t: String!, $c: String, $p: String!) { acceptInvitation(token: $t, code: $c, password: $p) { ${AUTH_FIELDS} } }`,
    { t: token, c: code, p: password },
  );
}

export const errorCode = (result: GraphQLResponse<unknown>) => result.errors?.[0]?.extensions?.code;
export const errorField = (result: GraphQLResponse<unknown>) =>
  result.errors?.[0]?.extensions?.field;

/** The newest email to `to` whose subject starts with `subject`. */
export function emailTo(mailbox: TestMailbox, to: string, subject: string): Promise<ParsedMail> {
  return mailbox.waitFor(
    (mail) => mail.subject?.startsWith(subject) === true && JSON.stringify(mail.to).includes(to),
  );
}

/** The `token` of a link to `path` under the test portal URL in the email's text part. */
export function linkToken(mail: ParsedMail, path: string): string {
  const pattern = new RegExp(`${TEST_PUBLIC_URL}${path}\\?token=([\\w-]+)`);
  const match = pattern.exec(mail.text ?? '');
  if (!match) throw new Error(`no ${path} link in: ${mail.text}`);
  return match[1]!;
}

/** The invitation code in the `nth` SMS to this number (E.164). */
export async function smsCode(sms: SmsInbox, phoneE164: string, nth = 1): Promise<string> {
  const message = await eventually(async () => {
    const received = sms.messages.filter((each) => each.to === phoneE164);
    return received.length >= nth && received[nth - 1];
  });
  const code = /code is ([A-Z0-9]+)/.exec(message.body)?.[1];
  if (!code) throw new Error(`no code in SMS: ${message.body}`);
  return code;
}

export interface GrantInput {
  email: string;
  /** E.164, so the SMS can be found by it. */
  phone?: string;
  accessLevelId?: string;
  expiresAt?: string;
}

/** Staff grant portal access; the contact follows the emailed link (and SMS code) and is signed in. */
export async function grantAndJoin(
  running: TestPlatform,
  staffToken: string,
  organization: string,
  customerId: string,
  input: GrantInput,
): Promise<{ contact: Auth; accessId: string }> {
  const gateway = running.platform.gatewayUrl;
  const { grantPortalAccess } = await graphqlData<{ grantPortalAccess: { id: string } }>(
    gateway,
    'mutation($c: ID!, $input: GrantAccessInput!) { grantPortalAccess(customerId: $c, input: $input) { id } }',
    { c: customerId, input },
    { token: staffToken },
  );
  const mail = await emailTo(
    running.mailbox,
    input.email,
    `Your customer portal at ${organization}`,
  );
  const code = input.phone ? await smsCode(running.sms, input.phone) : null;
  const accepted = await acceptInvitation(gateway, linkToken(mail, '/accept-invitation'), code);
  if (!accepted.data)
    throw new Error(`acceptInvitation failed: ${JSON.stringify(accepted.errors)}`);
  return { contact: accepted.data.acceptInvitation, accessId: grantPortalAccess.id };
}

export interface InvoiceLine {
  description: string;
  quantity: string;
  unitPrice: string;
  taxRate: string;
}

/**
 * Creates an EUR invoice (or another type, currency and dates), once the document service knows
 * the customer (it learns of new customers from events), and issues it.
 */
export async function issueInvoice(
  gateway: string,
  token: string,
  customerId: string,
  options: {
    lines?: InvoiceLine[];
    notes?: string;
    type?: string;
    currency?: string;
    issueDate?: string;
    dueDate?: string;
  } = {},
): Promise<{ id: string; number: string }> {
  const lines = options.lines ?? [
    { description: 'Consulting', quantity: '1', unitPrice: '100.00', taxRate: '19' },
  ];
  const created = await eventually(async () => {
    const result = await graphqlRequest<{ createDocument: { id: string } }>(
      gateway,
      `mutation($input: DocumentInput!) { createDocument(input: $input) { id } }`,
      {
        input: {
          customerId,
          type: options.type ?? 'INVOICE',
          currency: options.currency ?? 'EUR',
          lines,
          ...(options.notes ? { notes: options.notes } : {}),
          ...(options.issueDate ? { issueDate: options.issueDate } : {}),
          ...(options.dueDate ? { dueDate: options.dueDate } : {}),
        },
      },
      { token },
    );
    return result.data?.createDocument;
  });
  const { issueDocument } = await graphqlData<{ issueDocument: { number: string } }>(
    gateway,
    'mutation($id: ID!) { issueDocument(id: $id) { number } }',
    { id: created.id },
    { token },
  );
  return { id: created.id, number: issueDocument.number };
}

/**
 * The document's PDF through the gateway's /files, once the notification service has rendered
 * it: it renders a PDF as it takes up the issued event, before it chooses whom to email.
 */
export async function renderedPdf(gateway: string, token: string, documentId: string) {
  const { requestDocumentDownload } = await graphqlData<{
    requestDocumentDownload: { url: string };
  }>(
    gateway,
    'mutation($id: ID!) { requestDocumentDownload(id: $id) { url } }',
    {
      id: documentId,
    },
    { token },
  );
  const link = new URL(requestDocumentDownload.url);
  const sameLinkOnGateway = new URL(link.pathname + link.search, gateway);
  return eventually(async () => {
    const response = await fetch(sameLinkOnGateway);
    return response.status === 200 && Buffer.from(await response.arrayBuffer());
  });
}
