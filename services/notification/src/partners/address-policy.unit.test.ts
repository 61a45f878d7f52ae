import { isInternalAddress, isInternalHost, publicOnlyLookup } from './address-policy';

describe('address policy', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
  ])('treats %s as internal', (address) => expect(isInternalAddress(address)).toBe(true));

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700::1111', '172.32.0.1'])(
    'treats %s as public',
    (address) => expect(isInternalAddress(address)).toBe(false),
  );

  it('tells an internal URL host without a lookup: localhost and bracketed IPv6 too', () => {
    for (const host of ['localhost', '127.0.0.1', '[::1]', '[fd00::1]'])
      expect(isInternalHost(host)).toBe(true);
    for (const host of ['example.com', '8.8.8.8', '[2606:4700::1111]'])
      expect(isInternalHost(host)).toBe(false);
  });

  it('refuses a name that resolves to an internal address when connecting', async () => {
    const error = await new Promise<Error | null>((resolve) =>
      publicOnlyLookup('localhost', {}, (failure) => resolve(failure)),
    );
    expect(error?.message).toMatch(/internal address/);
  });
});
