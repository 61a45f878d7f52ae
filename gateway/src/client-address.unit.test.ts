import type { IncomingMessage } from 'node:http';
import { clientAddress, trustedProxies } from './client-address';

const request = (peer: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress: peer },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  const proxies = trustedProxies(['10.0.0.0/8', 'fd00::/8']);

  it('takes the peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress(request('203.0.113.7', '198.51.100.1'), trustedProxies([]))).toBe(
      '203.0.113.7',
    );
  });

  it('takes the peer when it is not a trusted proxy', () => {
    expect(clientAddress(request('203.0.113.7', '198.51.100.1'), proxies)).toBe('203.0.113.7');
  });

  it('takes the address the trusted proxies saw, not what the client wrote further left', () => {
    const spoofed = request('::ffff:10.0.0.2', '1.2.3.4, 203.0.113.7, 10.0.0.9');
    expect(clientAddress(spoofed, proxies)).toBe('203.0.113.7');
    expect(clientAddress(request('fd00::1', '2001:db8::7'), proxies)).toBe('2001:db8::7');
  });

  it('stops at garbage and at the leftmost hop', () => {
    expect(clientAddress(request('10.0.0.2', 'not-an-ip, 10.0.0.3'), proxies)).toBe('10.0.0.3');
    expect(clientAddress(request('10.0.0.2', ''), proxies)).toBe('10.0.0.2');
  });

  it('refuses a setting that is not a CIDR', () => {
    expect(() => trustedProxies(['10.0.0.0/33'])).toThrow('not a CIDR: 10.0.0.0/33');
    expect(() => trustedProxies(['load-balancer'])).toThrow('not a CIDR');
  });
});
