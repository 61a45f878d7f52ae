import type { AuthContext, StaffPrincipal } from '@portico/auth';

/** A filter no document matches: for callers who may see nothing. */
const NOTHING = { _id: { $in: [] as string[] } };

/**
 * The customers a caller may see, as a MongoDB filter that every customer
 * query includes: owners and admins see their tenant's, a SPECIALIST those
 * they administer, a contact only their own.
 */
export function customerScope(auth: AuthContext): object {
  if (auth.kind === 'ANONYMOUS') return NOTHING;
  if (auth.kind === 'CONTACT') return { tenantId: auth.tenantId, _id: auth.customerId };
  return staffScope(auth);
}

export function staffScope(staff: StaffPrincipal): object {
  if (staff.role === 'SPECIALIST')
    return { tenantId: staff.tenantId, administratorIds: staff.userId };
  return { tenantId: staff.tenantId };
}
