/**
 * Who may do what: the written authorization policy of every Query and Mutation field of the
 * supergraph, which gateway/test/authorization.e2e.test.ts holds the running platform to. It
 * is written from the product's rules (shared/API.md, docs/ARCHITECTURE.md), not read off the
 * implementation; a field missing here fails that test.
 *
 * Principals: OWNER, ADMIN; SPEC_IN, a SPECIALIST administering customer 1; SPEC_OUT, one
 * administering nothing; CONTACT_FULL and CONTACT_READ, contacts of customer 1 with the
 * "Full access" and "Read only" levels; CONTACT_OTHER, a contact (full access) of customer 2;
 * FOREIGN, the owner of another tenant. Every field answers UNAUTHENTICATED to a caller without
 * a token and to a contact whose access was revoked (written once, below, for all fields).
 *
 * Targets: T1, the objects of customer 1 (its documents, contacts, emails); T2, those of
 * customer 2, of the same tenant. A cell is one outcome for both, or [T1, T2].
 *
 * Outcomes: `ok` answers without error (and shows the target when the field reads one);
 * HIDDEN answers without error but without the target; NOT_FOUND is the error, or null where
 * the field may be null (never a hint that the target exists); any other is that error code.
 */
import type { World, TargetObjects } from './authorization-world';

export const PRINCIPALS = [
  'OWNER',
  'ADMIN',
  'SPEC_IN',
  'SPEC_OUT',
  'CONTACT_FULL',
  'CONTACT_READ',
  'CONTACT_OTHER',
  'FOREIGN',
] as const;
export type Principal = (typeof PRINCIPALS)[number] | 'ANONYMOUS' | 'REVOKED';
export type Outcome = 'ok' | 'HIDDEN' | 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED';
type Cell = Outcome | readonly [Outcome, Outcome];

export interface Operation {
  query: string;
  variables?: Record<string, unknown>;
  /** An id the answer shows when the caller may see the target. */
  shows?: string;
}

export interface FieldPolicy {
  operation: (world: World, target: TargetObjects, principal: Principal) => Operation;
  expect: Record<(typeof PRINCIPALS)[number], Cell>;
  /**
   * Errors an allowed call may still answer with, because the sample arguments ask for
   * something the target's state does not allow (a second void, an active access's invitation).
   */
  okWhen?: string[];
  /**
   * Allowed calls destroy what other cells read (a session, a customer): here only the refusals
   * run; the allowed calls are the named test's.
   */
  allowedIn?: string;
}

/** Every field, every principal, every target: the rule for callers without a valid token. */
export const WITHOUT_VALID_TOKEN: Outcome = 'UNAUTHENTICATED';

/** Customer-specific staff work: owners and admins everywhere, a SPECIALIST where they administer. */
const staffOfCustomer = (contacts: Cell, denied: Outcome = 'NOT_FOUND') =>
  ({
    OWNER: 'ok',
    ADMIN: 'ok',
    SPEC_IN: ['ok', denied],
    SPEC_OUT: denied,
    CONTACT_FULL: contacts,
    CONTACT_READ: contacts,
    CONTACT_OTHER: contacts,
    FOREIGN: denied,
  }) as const;
/** Tenant-wide tools (team, audit trail, email history, webhooks, settings): owners and admins. */
const managers = (foreign: Cell) =>
  ({
    OWNER: 'ok',
    ADMIN: 'ok',
    SPEC_IN: 'FORBIDDEN',
    SPEC_OUT: 'FORBIDDEN',
    CONTACT_FULL: 'FORBIDDEN',
    CONTACT_READ: 'FORBIDDEN',
    CONTACT_OTHER: 'FORBIDDEN',
    FOREIGN: foreign,
  }) as const;
/** Any staff member, in their own tenant (nothing customer-specific). */
const anyStaff = {
  OWNER: 'ok',
  ADMIN: 'ok',
  SPEC_IN: 'ok',
  SPEC_OUT: 'ok',
  CONTACT_FULL: 'FORBIDDEN',
  CONTACT_READ: 'FORBIDDEN',
  CONTACT_OTHER: 'FORBIDDEN',
  FOREIGN: 'ok',
} as const;
/** What a contact sees of their own customer's documents (and staff as they see documents). */
const documentReaders = (denied: Outcome) =>
  ({
    OWNER: 'ok',
    ADMIN: 'ok',
    SPEC_IN: ['ok', denied],
    SPEC_OUT: denied,
    CONTACT_FULL: ['ok', denied],
    CONTACT_READ: ['ok', denied],
    CONTACT_OTHER: [denied, 'ok'],
    FOREIGN: denied,
  }) as const;
/** A contact's own thing (their preferences, their customer's data): contacts only. */
const contactsOnly = (read: Outcome) =>
  ({
    OWNER: 'FORBIDDEN',
    ADMIN: 'FORBIDDEN',
    SPEC_IN: 'FORBIDDEN',
    SPEC_OUT: 'FORBIDDEN',
    CONTACT_FULL: 'ok',
    CONTACT_READ: read,
    CONTACT_OTHER: 'ok',
    FOREIGN: 'FORBIDDEN',
  }) as const;
/** Everyone signed in, each about themselves. */
const everyone = {
  OWNER: 'ok',
  ADMIN: 'ok',
  SPEC_IN: 'ok',
  SPEC_OUT: 'ok',
  CONTACT_FULL: 'ok',
  CONTACT_READ: 'ok',
  CONTACT_OTHER: 'ok',
  FOREIGN: 'ok',
} as const;

const unique = () => Math.random().toString(36).slice(2, 10);
const invoiceInput = (customerId: string) => ({
  customerId,
  type: 'INVOICE',
  currency: 'EUR',
  lines: [{ description: 'Policy check', quantity: '1', unitPrice: '1.00', taxRate: '19' }],
});

export const POLICY: Record<string, FieldPolicy> = {
  // --- queries ---
  'Query.me': { operation: () => ({ query: '{ me { id } }' }), expect: everyone },
  'Query.auditLog': {
    operation: (_, t) => ({
      query: 'query($t: ID) { auditLog(filter: { targetId: $t }) { edges { node { targetId } } } }',
      variables: { t: t.customerId },
      shows: t.customerId,
    }),
    expect: managers('HIDDEN'),
  },
  'Query.staffUsers': {
    operation: (w) => ({ query: '{ staffUsers { id } }', shows: w.ownerId }),
    expect: managers('HIDDEN'),
  },
  'Query.customers': {
    operation: (_, t) => ({
      query: '{ customers(first: 100) { edges { node { id } } } }',
      shows: t.customerId,
    }),
    expect: staffOfCustomer('FORBIDDEN', 'HIDDEN'),
  },
  'Query.customer': {
    operation: (_, t) => ({
      query: 'query($id: ID!) { customer(id: $id) { id } }',
      variables: { id: t.customerId },
      shows: t.customerId,
    }),
    expect: documentReaders('NOT_FOUND'),
  },
  'Query.myCustomer': {
    operation: (_, t) => ({ query: '{ myCustomer { id } }', shows: t.customerId }),
    expect: {
      ...contactsOnly('ok'),
      CONTACT_FULL: ['ok', 'HIDDEN'],
      CONTACT_READ: ['ok', 'HIDDEN'],
      CONTACT_OTHER: ['HIDDEN', 'ok'],
    },
  },
  'Query.portalAccesses': {
    operation: (_, t) => ({
      query: '{ portalAccesses(first: 100) { edges { node { id } } } }',
      shows: t.accessId,
    }),
    // A SPECIALIST sees the accesses of the customers they administer; other tenants', nobody.
    expect: staffOfCustomer('FORBIDDEN', 'HIDDEN'),
  },
  'Query.accessLevels': {
    operation: () => ({ query: '{ accessLevels { id } }' }),
    expect: anyStaff,
  },
  'Query.portalSettings': {
    operation: () => ({ query: '{ portalSettings { portalAccessByDefault } }' }),
    expect: anyStaff,
  },
  'Query.documents': {
    operation: (_, t) => ({
      query: 'query($c: ID) { documents(filter: { customerId: $c }) { edges { node { id } } } }',
      variables: { c: t.customerId },
      shows: t.documentId,
    }),
    expect: documentReaders('HIDDEN'),
  },
  'Query.document': {
    operation: (_, t) => ({
      query: 'query($id: ID!) { document(id: $id) { id } }',
      variables: { id: t.documentId },
      shows: t.documentId,
    }),
    expect: documentReaders('NOT_FOUND'),
  },
  'Query.documentNumberPatterns': {
    operation: () => ({ query: '{ documentNumberPatterns { type } }' }),
    expect: managers('ok'),
  },
  'Query.accountStatement': {
    operation: (_, t) => ({
      query: 'query($c: ID) { accountStatement(customerId: $c) { customer { id } } }',
      variables: { c: t.customerId },
      shows: t.customerId,
    }),
    // A contact's statement is always their own customer's, and needs VIEW_STATEMENTS.
    expect: {
      ...documentReaders('NOT_FOUND'),
      CONTACT_FULL: ['ok', 'HIDDEN'],
      CONTACT_READ: 'FORBIDDEN',
      CONTACT_OTHER: ['HIDDEN', 'ok'],
    },
  },
  'Query.emailHistory': {
    operation: (_, t) => ({
      query: 'query($c: ID) { emailHistory(customerId: $c) { edges { node { id } } } }',
      variables: { c: t.customerId },
      shows: t.emailId,
    }),
    expect: managers('HIDDEN'),
  },
  'Query.myNotificationPreferences': {
    operation: () => ({ query: '{ myNotificationPreferences { attachPdf } }' }),
    expect: contactsOnly('ok'),
  },
  'Query.branding': { operation: () => ({ query: '{ branding { name } }' }), expect: anyStaff },
  'Query.brandingPreview': {
    operation: () => ({ query: '{ brandingPreview(input: {}) { emailSubject } }' }),
    expect: managers('ok'),
  },
  'Query.webhookEndpoints': {
    operation: (w) => ({ query: '{ webhookEndpoints { id } }', shows: w.webhookId }),
    expect: managers('HIDDEN'),
  },
  'Query.webhookEndpoint': {
    operation: (w) => ({
      query: 'query($id: ID!) { webhookEndpoint(id: $id) { id } }',
      variables: { id: w.webhookId },
      shows: w.webhookId,
    }),
    expect: managers('NOT_FOUND'),
  },

  // --- mutations: identity ---
  'Mutation.logout': {
    operation: () => ({ query: 'mutation { logout }' }),
    expect: everyone,
    allowedIn: 'services/identity/test/sessions.e2e.test.ts',
  },
  'Mutation.changePassword': {
    operation: () => ({
      query: 'mutation { changePassword(currentPassword: "not the password", newPassword: "x") }',
    }),
    expect: everyone,
    okWhen: ['BAD_USER_INPUT'], // the wrong current password: checked, refused, nothing changed
  },
  'Mutation.createStaffUser': {
    operation: () => ({
      query:
        'mutation($e: String!) { createStaffUser(input: { email: $e, role: SPECIALIST }) { id } }',
      variables: { e: `staff-${unique()}@policy.example` },
    }),
    expect: managers('ok'),
  },
  'Mutation.updateMyProfile': {
    operation: () => ({ query: 'mutation { updateMyProfile(input: {}) { id } }' }),
    expect: everyone,
  },
  'Mutation.requestEmailVerification': {
    operation: () => ({ query: 'mutation { requestEmailVerification }' }),
    // The owner confirms the organization's address; in the other tenant, its own owner.
    expect: { ...managers('ok'), ADMIN: 'FORBIDDEN' },
  },
  'Mutation.setUserDisabled': {
    operation: (w) => ({
      query: 'mutation($id: ID!) { setUserDisabled(id: $id, disabled: false) { id } }',
      variables: { id: w.specOutId },
    }),
    expect: managers('NOT_FOUND'),
  },
  'Mutation.setStaffRole': {
    operation: (w) => ({
      query: 'mutation($id: ID!) { setStaffRole(id: $id, role: SPECIALIST) { id } }',
      variables: { id: w.specOutId },
    }),
    expect: managers('NOT_FOUND'),
  },

  // --- mutations: customers and accesses ---
  'Mutation.createCustomer': {
    operation: () => ({
      query:
        'mutation($n: String!) { createCustomer(input: { type: COMPANY, companyName: $n }) { id } }',
      variables: { n: `Policy ${unique()}` },
    }),
    expect: anyStaff,
  },
  'Mutation.updateCustomer': {
    operation: (_, t) => ({
      query:
        'mutation($id: ID!, $n: String!, $e: String) { updateCustomer(id: $id, input: { type: COMPANY, companyName: $n, email: $e }) { id } }',
      variables: { id: t.customerId, n: t.customerName, e: t.customerEmail },
    }),
    expect: staffOfCustomer('FORBIDDEN'),
  },
  'Mutation.deleteCustomer': {
    operation: (_, t) => ({
      query: 'mutation($id: ID!) { deleteCustomer(id: $id) }',
      variables: { id: t.customerId },
    }),
    expect: { ...staffOfCustomer('FORBIDDEN'), SPEC_IN: 'FORBIDDEN', SPEC_OUT: 'FORBIDDEN' },
    allowedIn: 'services/customer/test/customers.e2e.test.ts',
  },
  'Mutation.grantPortalAccess': {
    operation: (_, t) => ({
      query:
        'mutation($c: ID!, $e: String!) { grantPortalAccess(customerId: $c, input: { email: $e }) { id } }',
      variables: { c: t.customerId, e: `contact-${unique()}@policy.example` },
    }),
    expect: staffOfCustomer('FORBIDDEN'),
  },
  'Mutation.updatePortalAccess': {
    operation: (_, t) => ({
      query: 'mutation($id: ID!) { updatePortalAccess(id: $id, input: {}) { id } }',
      variables: { id: t.accessId },
    }),
    expect: staffOfCustomer('FORBIDDEN'),
  },
  'Mutation.revokePortalAccess': {
    operation: (_, t) => ({
      query: 'mutation($id: ID!) { revokePortalAccess(id: $id) { id } }',
      variables: { id: t.accessId },
    }),
    expect: staffOfCustomer('FORBIDDEN'),
    allowedIn: 'services/customer/test/customers.e2e.test.ts',
  },
  'Mutation.resendInvitation': {
    operation: (_, t) => ({
      query: 'mutation($id: ID!) { resendInvitation(id: $id) { id } }',
      variables: { id: t.accessId },
    }),
    expect: staffOfCustomer('FORBIDDEN'),
    okWhen: ['CONFLICT'], // the access is active: no invitation to send again
  },
  'Mutation.setCustomerAdministrators': {
    operation: (w, t) => ({
      query:
        'mutation($c: ID!, $u: [ID!]!) { setCustomerAdministrators(customerId: $c, userIds: $u) { id } }',
      variables: { c: t.customerId, u: t.administratorIds },
    }),
    expect: { ...staffOfCustomer('FORBIDDEN'), SPEC_IN: 'FORBIDDEN', SPEC_OUT: 'FORBIDDEN' },
  },
  'Mutation.createAccessLevel': {
    operation: () => ({
      query:
        'mutation($n: String!) { createAccessLevel(input: { name: $n, permissions: [VIEW_DOCUMENTS] }) { id } }',
      variables: { n: `Level ${unique()}` },
    }),
    expect: managers('ok'),
  },
  'Mutation.updateAccessLevel': {
    operation: (w) => ({
      query:
        'mutation($id: ID!) { updateAccessLevel(id: $id, input: { name: "Spare", permissions: [VIEW_DOCUMENTS] }) { id } }',
      variables: { id: w.spareLevelId },
    }),
    expect: managers('NOT_FOUND'),
  },
  'Mutation.updatePortalSettings': {
    operation: () => ({
      query: 'mutation { updatePortalSettings(input: {}) { portalAccessByDefault } }',
    }),
    expect: managers('ok'),
  },
  'Mutation.updateMyCustomerData': {
    operation: () => ({ query: 'mutation { updateMyCustomerData(input: {}) { id } }' }),
    expect: contactsOnly('FORBIDDEN'), // needs EDIT_CUSTOMER_DATA
  },

  // --- mutations: documents ---
  'Mutation.createDocument': {
    operation: (_, t) => ({
      query: 'mutation($input: DocumentInput!) { createDocument(input: $input) { id } }',
      variables: { input: invoiceInput(t.customerId) },
    }),
    // A customer out of reach is answered as one that does not exist (NOT_FOUND on the field).
    expect: staffOfCustomer('FORBIDDEN'),
  },
  'Mutation.updateDocument': {
    operation: (_, t) => ({
      query:
        'mutation($id: ID!, $input: DocumentInput!) { updateDocument(id: $id, input: $input) { id } }',
      variables: { id: t.draftId, input: invoiceInput(t.customerId) },
    }),
    expect: staffOfCustomer('FORBIDDEN'),
  },
  'Mutation.issueDocument': {
    operation: (_, t) => ({
      query: 'mutation($id: ID!) { issueDocument(id: $id) { id } }',
      variables: { id: t.draftId },
    }),
    expect: staffOfCustomer('FORBIDDEN'),
    okWhen: ['CONFLICT'], // issued by an earlier allowed cell
  },
  'Mutation.voidDocument': {
    operation: (_, t) => ({
      query: 'mutation($id: ID!) { voidDocument(id: $id, reason: "policy check") { id } }',
      variables: { id: t.voidableId },
    }),
    expect: staffOfCustomer('FORBIDDEN'),
    okWhen: ['CONFLICT'], // voided by an earlier allowed cell
  },
  'Mutation.recordPayment': {
    operation: (w, t) => ({
      query:
        'mutation($id: ID!, $d: String!) { recordPayment(documentId: $id, input: { amount: "0.01", date: $d }) { id } }',
      variables: { id: t.documentId, d: w.today },
    }),
    expect: staffOfCustomer('FORBIDDEN'),
  },
  'Mutation.setDocumentShared': {
    operation: (_, t) => ({
      query: 'mutation($id: ID!) { setDocumentShared(id: $id, shared: true) { id } }',
      variables: { id: t.documentId },
    }),
    expect: staffOfCustomer('FORBIDDEN'),
  },
  'Mutation.setDocumentProcessors': {
    operation: (_, t) => ({
      query: 'mutation($id: ID!) { setDocumentProcessors(id: $id, userIds: []) { id } }',
      variables: { id: t.documentId },
    }),
    // Who processes what is the managers' to decide.
    expect: { ...staffOfCustomer('FORBIDDEN'), SPEC_IN: 'FORBIDDEN', SPEC_OUT: 'FORBIDDEN' },
  },
  'Mutation.addDocumentComment': {
    operation: (_, t) => ({
      query:
        'mutation($id: ID!) { addDocumentComment(documentId: $id, body: "policy check") { id } }',
      variables: { id: t.documentId },
    }),
    // Read only has no COMMENT.
    expect: { ...documentReaders('NOT_FOUND'), CONTACT_READ: 'FORBIDDEN' },
  },
  'Mutation.respondToEstimate': {
    operation: (_, t) => ({
      query: 'mutation($id: ID!) { respondToEstimate(id: $id, decision: ACCEPT) { id } }',
      variables: { id: t.estimateId },
    }),
    expect: {
      OWNER: 'FORBIDDEN',
      ADMIN: 'FORBIDDEN',
      SPEC_IN: 'FORBIDDEN',
      SPEC_OUT: 'FORBIDDEN',
      CONTACT_FULL: ['ok', 'NOT_FOUND'],
      CONTACT_READ: 'FORBIDDEN',
      CONTACT_OTHER: ['NOT_FOUND', 'ok'],
      FOREIGN: 'FORBIDDEN',
    },
  },
  'Mutation.requestDocumentDownload': {
    operation: (_, t) => ({
      query: 'mutation($id: ID!) { requestDocumentDownload(id: $id) { url } }',
      variables: { id: t.documentId },
    }),
    expect: documentReaders('NOT_FOUND'),
  },
  'Mutation.requestStatementDownload': {
    operation: () => ({ query: 'mutation { requestStatementDownload { url } }' }),
    // Always the caller's own customer's statement; needs VIEW_STATEMENTS and DOWNLOAD_DOCUMENTS.
    expect: contactsOnly('FORBIDDEN'),
  },
  'Mutation.sendAccountStatement': {
    operation: (_, t) => ({
      query: 'mutation($c: ID!) { sendAccountStatement(customerId: $c) }',
      variables: { c: t.customerId },
    }),
    expect: staffOfCustomer('FORBIDDEN'),
  },
  'Mutation.setDocumentNumberPattern': {
    operation: (w) => ({
      query:
        'mutation($p: String!) { setDocumentNumberPattern(type: INVOICE, pattern: $p) { type } }',
      variables: { p: w.invoicePattern },
    }),
    expect: managers('ok'),
  },

  // --- mutations: notification ---
  'Mutation.updateMyNotificationPreferences': {
    operation: () => ({
      query: 'mutation { updateMyNotificationPreferences(input: {}) { attachPdf } }',
    }),
    expect: contactsOnly('ok'),
  },
  'Mutation.resendEmail': {
    operation: (_, t) => ({
      query: 'mutation($id: ID!) { resendEmail(id: $id) { id } }',
      variables: { id: t.emailId },
    }),
    expect: managers('NOT_FOUND'),
    okWhen: ['BAD_USER_INPUT', 'CONFLICT'], // an invitation's link is not kept: not resent
  },
  'Mutation.updateBranding': {
    operation: () => ({ query: 'mutation { updateBranding(input: {}) { name } }' }),
    expect: managers('ok'),
  },
  'Mutation.registerWebhookEndpoint': {
    operation: () => ({
      query:
        'mutation { registerWebhookEndpoint(input: { url: "http://127.0.0.1:9/policy", eventTypes: [DOCUMENT_ISSUED] }) { secret } }',
    }),
    expect: managers('ok'),
  },
  'Mutation.updateWebhookEndpoint': {
    operation: (w) => ({
      query: 'mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: {}) { id } }',
      variables: { id: w.webhookId },
    }),
    expect: managers('NOT_FOUND'),
  },
  'Mutation.rotateWebhookSecret': {
    operation: (w) => ({
      query: 'mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }',
      variables: { id: w.webhookId },
    }),
    expect: managers('NOT_FOUND'),
  },
  'Mutation.deleteWebhookEndpoint': {
    operation: (w) => ({
      query: 'mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }',
      variables: { id: w.webhookId },
    }),
    expect: managers('NOT_FOUND'),
    allowedIn: 'services/notification/test/partners.e2e.test.ts',
  },
  'Mutation.redeliverWebhook': {
    operation: (w) => ({
      query: 'mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id } }',
      variables: { id: w.webhookDeliveryId },
    }),
    expect: managers('NOT_FOUND'),
  },
};

/** The expected outcome of one cell. */
export function expected(field: string, principal: Principal, target: 'T1' | 'T2'): Outcome {
  if (principal === 'ANONYMOUS' || principal === 'REVOKED') return WITHOUT_VALID_TOKEN;
  const cell = POLICY[field]!.expect[principal];
  return typeof cell === 'string' ? cell : cell[target === 'T1' ? 0 : 1];
}
