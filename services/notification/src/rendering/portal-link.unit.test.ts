import { portalLink } from './portal-link';

describe('portal links in emails', () => {
  it('keep the portal’s path, put the token first and name the organization', () => {
    expect(
      portalLink('https://portal.example/acme/', '/accept-invitation', 't-1', { token: 'a b&c' }),
    ).toBe('https://portal.example/acme/accept-invitation?token=a+b%26c&organization=t-1');
    expect(portalLink('http://localhost:4000', '/documents/d%201', 't-1')).toBe(
      'http://localhost:4000/documents/d%201?organization=t-1',
    );
  });
});
