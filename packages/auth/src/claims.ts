/** Issuer and audience every Portico access token carries. */
export const TOKEN_ISSUER = 'portico-identity';
export const TOKEN_AUDIENCE = 'portico';
/** RFC 9068 access-token type; a refresh or ID token cannot be replayed as one. */
export const TOKEN_TYPE = 'at+jwt';
export const TOKEN_ALGORITHMS = ['EdDSA'];

export type StaffRole = 'OWNER' | 'ADMIN' | 'SPECIALIST';

/** Private claims of an access token, next to the registered ones (sub = user id). */
export interface PorticoClaims {
  tid: string;
  kind: 'STAFF' | 'CONTACT';
  sid: string;
  role?: StaffRole;
  aid?: string;
  cid?: string;
}

interface Signed {
  tenantId: string;
  userId: string;
  sessionId: string;
}
export interface StaffPrincipal extends Signed {
  kind: 'STAFF';
  role: StaffRole;
}
export interface ContactPrincipal extends Signed {
  kind: 'CONTACT';
  accessId: string;
  customerId: string;
}
export type Principal = StaffPrincipal | ContactPrincipal;

/** Who is calling: nobody, a staff user or a contact of one customer. */
export type AuthContext = { kind: 'ANONYMOUS' } | Principal;
