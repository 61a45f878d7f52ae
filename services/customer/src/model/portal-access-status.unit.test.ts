import { Query } from 'mingo';
import {
  accessStatus,
  accessStatusFilter,
  type AccessStatus,
  type PortalAccessRecord,
} from './portal-access';

const now = new Date('2026-12-03T12:00:00Z');
const access = (status: PortalAccessRecord['status'], expiresAt: Date | null) =>
  ({ status, expiresAt }) as PortalAccessRecord;

describe('the access status filter', () => {
  it('finds exactly the accesses whose derived status is asked for', () => {
    const past = new Date('2026-12-01T00:00:00Z');
    const future = new Date('2027-01-01T00:00:00Z');
    const accesses = [
      access('INVITED', null),
      access('INVITED', future),
      access('INVITED', past),
      access('ACTIVE', null),
      access('ACTIVE', past),
      access('REVOKED', past),
      access('REVOKED', null),
    ];
    for (const status of ['INVITED', 'ACTIVE', 'REVOKED', 'EXPIRED'] as AccessStatus[]) {
      const query = new Query(accessStatusFilter(status, now));
      expect(accesses.filter((a) => query.test(a as never))).toEqual(
        accesses.filter((a) => accessStatus(a, now) === status),
      );
    }
  });
});
