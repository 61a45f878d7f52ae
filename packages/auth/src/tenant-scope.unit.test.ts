import type { ContactPrincipal, StaffPrincipal } from './claims';
import {
  contactScope,
  eventScope,
  NOTHING,
  principalScope,
  scopedFilter,
  storedScope,
  type TenantScope,
} from './tenant-scope';

const staff: StaffPrincipal = {
  kind: 'STAFF',
  tenantId: 't1',
  userId: 'u1',
  sessionId: 's1',
  role: 'ADMIN',
};
const contact: ContactPrincipal = {
  kind: 'CONTACT',
  tenantId: 't1',
  userId: 'u2',
  sessionId: 's2',
  accessId: 'a1',
  customerId: 'c1',
};

/** What a store does with a scope: read its tenant. */
const tenantOf = (scope: TenantScope) => scope.tenantId;

describe('tenant scopes', () => {
  it('carry the tenant of the verified source they are made from', () => {
    expect(tenantOf(principalScope(staff))).toBe('t1');
    expect(contactScope(contact)).toEqual({ tenantId: 't1', customerId: 'c1' });
    expect(tenantOf(eventScope({ tenantid: 't2' }))).toBe('t2');
    expect(tenantOf(storedScope({ tenantId: 't3' }))).toBe('t3');
  });

  it('cannot be a bare tenant id or a look-alike object (the compiler refuses both)', () => {
    // @ts-expect-error a string is not a scope
    expect(() => tenantOf('t1')).not.toThrow();
    // @ts-expect-error an object with a tenantId is not a scope either
    expect(tenantOf({ tenantId: 't1' })).toBe('t1');
  });

  it('pin filters to their tenant, whatever tenant the conditions name', () => {
    const filter = scopedFilter(principalScope(staff), { tenantId: 'other', customerId: 'c1' });
    expect(filter).toEqual({ tenantId: 't1', customerId: 'c1' });
    expect(scopedFilter(principalScope(staff))).toEqual({ tenantId: 't1' });
  });

  it('pin a contact’s filters to their customer too', () => {
    expect(scopedFilter(contactScope(contact), { customerId: 'c2', shared: true })).toEqual({
      tenantId: 't1',
      customerId: 'c1',
      shared: true,
    });
    // The same contact's tenant scope alone does not pin a customer.
    expect(scopedFilter(principalScope(contact), { customerId: 'c2' })).toEqual({
      tenantId: 't1',
      customerId: 'c2',
    });
  });

  it('have a filter that matches nothing, and cannot be changed', () => {
    expect(NOTHING).toEqual({ _id: { $in: [] } });
    expect(Object.isFrozen(NOTHING)).toBe(true);
  });
});
