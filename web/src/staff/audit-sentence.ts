import type { MessageId } from '../i18n/locale';

/** The actions the audit trail records, and how each reads in a sentence. */
export const AUDIT_ACTIONS: Record<string, { sentence: MessageId; name: MessageId }> = {
  'user.signed-in': { sentence: 'audit.sentence.signedIn', name: 'audit.name.signedIn' },
  'user.signed-out': { sentence: 'audit.sentence.signedOut', name: 'audit.name.signedOut' },
  'user.sign-in-failed': {
    sentence: 'audit.sentence.signInFailed',
    name: 'audit.name.signInFailed',
  },
  'document.viewed': { sentence: 'audit.sentence.viewed', name: 'audit.name.viewed' },
  'document.downloaded': { sentence: 'audit.sentence.downloaded', name: 'audit.name.downloaded' },
  'document.voided': { sentence: 'audit.sentence.voided', name: 'audit.name.voided' },
  'document.payment-recorded': {
    sentence: 'audit.sentence.paymentRecorded',
    name: 'audit.name.paymentRecorded',
  },
  'document.estimate-accepted': {
    sentence: 'audit.sentence.estimateAccepted',
    name: 'audit.name.estimateAccepted',
  },
  'document.estimate-declined': {
    sentence: 'audit.sentence.estimateDeclined',
    name: 'audit.name.estimateDeclined',
  },
  'customer.created': {
    sentence: 'audit.sentence.customerCreated',
    name: 'audit.name.customerCreated',
  },
  'customer.updated': {
    sentence: 'audit.sentence.customerUpdated',
    name: 'audit.name.customerUpdated',
  },
  'customer.deleted': {
    sentence: 'audit.sentence.customerDeleted',
    name: 'audit.name.customerDeleted',
  },
  'access.granted': { sentence: 'audit.sentence.accessGranted', name: 'audit.name.accessGranted' },
  'access.updated': { sentence: 'audit.sentence.accessUpdated', name: 'audit.name.accessUpdated' },
  'access.revoked': { sentence: 'audit.sentence.accessRevoked', name: 'audit.name.accessRevoked' },
  'access.invitation-resent': {
    sentence: 'audit.sentence.invitationResent',
    name: 'audit.name.invitationResent',
  },
  'email.sent': { sentence: 'audit.sentence.emailSent', name: 'audit.name.emailSent' },
  'user.staff-invited': {
    sentence: 'audit.sentence.staffInvited',
    name: 'audit.name.staffInvited',
  },
  'user.invitation-accepted': {
    sentence: 'audit.sentence.invitationAccepted',
    name: 'audit.name.invitationAccepted',
  },
  'user.password-changed': {
    sentence: 'audit.sentence.passwordChanged',
    name: 'audit.name.passwordChanged',
  },
  'user.password-reset': {
    sentence: 'audit.sentence.passwordReset',
    name: 'audit.name.passwordReset',
  },
  'user.profile-updated': {
    sentence: 'audit.sentence.profileUpdated',
    name: 'audit.name.profileUpdated',
  },
  'user.role-changed': { sentence: 'audit.sentence.roleChanged', name: 'audit.name.roleChanged' },
  'user.disabled': { sentence: 'audit.sentence.userDisabled', name: 'audit.name.userDisabled' },
  'user.enabled': { sentence: 'audit.sentence.userEnabled', name: 'audit.name.userEnabled' },
  'organization.registered': {
    sentence: 'audit.sentence.organizationRegistered',
    name: 'audit.name.organizationRegistered',
  },
};

export interface AuditFacts {
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  details?: string | null;
}

/**
 * What an entry is about, for its sentence and its link: a document by its number, a customer,
 * an access. `details` is the JSON the services wrote; anything unreadable is left out.
 */
export function auditTarget(entry: AuditFacts): { label: string | null; href: string | null } {
  let details: Record<string, unknown> = {};
  try {
    details = entry.details ? (JSON.parse(entry.details) as Record<string, unknown>) : {};
  } catch {
    // An entry written by an older version with free text: shown without it.
  }
  const number = typeof details.number === 'string' ? details.number : null;
  switch (entry.targetType) {
    case 'Document':
      return { label: number, href: entry.targetId ? `/documents/${entry.targetId}` : null };
    case 'Customer':
      return { label: null, href: entry.targetId ? `/customers/${entry.targetId}` : null };
    default:
      return { label: null, href: null };
  }
}
