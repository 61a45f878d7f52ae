import type { ContactPrincipal } from './claims';
import { RevocationList } from './revocations';

const contact: ContactPrincipal = {
  kind: 'CONTACT',
  tenantId: 't1',
  userId: 'u1',
  sessionId: 's1',
  accessId: 'a1',
  customerId: 'c1',
};

describe('RevocationList.refusal', () => {
  it('names the ended access rather than the session identity ended because of it', () => {
    const revocations = new RevocationList();
    expect(revocations.refusal(contact)).toBeNull();
    revocations.add('s1', new Date(Date.now() + 60_000));
    expect(revocations.refusal(contact)).toBe('Your session has ended; sign in again');
    revocations.cutAccess('a1', new Date());
    expect(revocations.refusal(contact)).toBe('Your portal access has ended');
    revocations.restoreAccess('a1');
    expect(revocations.refusal(contact)).toBe('Your session has ended; sign in again');
  });
});
