import {
  NOTHING,
  principalScope,
  scopedFilter,
  type AuthContext,
  type ScopedFilter,
  type StaffPrincipal,
} from '@portico/auth';

/**
 * The customers a caller may see, as a MongoDB filter that every customer
 * query includes: owners and admins see their tenant's, a SPECIALIST those
 * they administer, a contact only their own.
 */
export function customerScope(auth: AuthContext): ScopedFilter {
  if (auth.kind === 'ANONYMOUS') return NOTHING;
  if (auth.kind === 'CONTACT') return scopedFilter(principalScope(auth), { _id: auth.customerId });
  return staffScope(auth);
}

export function staffScope(staff: StaffPrincipal): ScopedFilter {
  const tenant = principalScope(staff);
  return staff.role === 'SPECIALIST'
    ? scopedFilter(tenant, { administratorIds: staff.userId })
    : scopedFilter(tenant);
}
