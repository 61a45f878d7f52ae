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
    '::ffff:10.0.0.1',
    '64:ff9b::7f00:1', // NAT64 of 127.0.0.1
    '64:ff9b::a00:1', // NAT64 of 10.0.0.1
    '::7f00:1', // IPv4-compatible 127.0.0.1
    '::a9fe:a9fe', // IPv4-compatible 169.254.169.254
    '2002:7f00:1::1', // 6to4 of 127.0.0.1
    '2002:c0a8:101::1', // 6to4 of 192.168.1.1
    '2001:0:4136:e378:8000:63bf:3fff:fdd2', // Teredo
    '2001:db8::1', // documentation
    '198.18.0.1', // benchmarking
    '198.19.255.254',
    '192.0.0.1', // IETF protocol assignments
    '192.0.2.1', // TEST-NET-1
    '198.51.100.1', // TEST-NET-2
    '203.0.113.1', // TEST-NET-3
    '255.255.255.255',
  ])('treats %s as internal', (address) => expect(isInternalAddress(address)).toBe(true));

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '2606:4700::1111',
    '172.32.0.1',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808', // NAT64 of 8.8.8.8
    '2002:808:808::1', // 6to4 of 8.8.8.8
  ])('treats %s as public', (address) => expect(isInternalAddress(address)).toBe(false));

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
