import { forbidden, unauthenticated } from '@portico/errors';
import type { AuthContext, ContactPrincipal, Principal, StaffPrincipal, StaffRole } from './claims';

export function requirePrincipal(auth: AuthContext): Principal {
  if (auth.kind === 'ANONYMOUS') throw unauthenticated();
  return auth;
}

export function requireStaff(auth: AuthContext, roles?: StaffRole[]): StaffPrincipal {
  const principal = requirePrincipal(auth);
  if (principal.kind !== 'STAFF') throw forbidden('Staff only');
  if (roles && !roles.includes(principal.role))
    throw forbidden(`Requires role ${roles.join(' or ')}`);
  return principal;
}

export function requireContact(auth: AuthContext): ContactPrincipal {
  const principal = requirePrincipal(auth);
  if (principal.kind !== 'CONTACT') throw forbidden('Portal contacts only');
  return principal;
}
