import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * IPv6 ranges that carry an IPv4 address inside (mapped, IPv4-compatible, NAT64, 6to4): the
 * address is as public as the IPv4 one it leads to.
 */
function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const bytes = address.toByteArray();
  const range = address.range();
  if (range === 'ipv4Mapped' || range === 'rfc6145' || range === 'rfc6052')
    return new ipaddr.IPv4(bytes.slice(12, 16));
  if (range === '6to4') return new ipaddr.IPv4(bytes.slice(2, 6));
  // ::a.b.c.d (IPv4-compatible, deprecated): the first 96 bits are zero.
  if (bytes.slice(0, 12).every((byte) => byte === 0) && range !== 'loopback')
    return new ipaddr.IPv4(bytes.slice(12, 16));
  return null;
}

/**
 * Where webhooks may go: only addresses ipaddr.js classifies as public `unicast`. Loopback,
 * private, link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, benchmarking,
 * documentation (TEST-NETs), 192.0.0.0/24, multicast, Teredo and every other special range
 * are internal; an IPv4 address inside an IPv6 one is judged as itself. A partner's URL must
 * not become a way into our own network.
 */
function isPublicUnicast(address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  if (address.kind() === 'ipv6') {
    const inner = embeddedIpv4(address as ipaddr.IPv6);
    if (inner) return isPublicUnicast(inner);
  }
  return address.range() === 'unicast';
}

export function isInternalAddress(address: string): boolean {
  // Only what Node itself would connect to as an address (ipaddr.js also takes forms like 0x7f.1).
  if (isIP(address) === 0) return false;
  return !isPublicUnicast(ipaddr.parse(address));
}

/** A URL's host (name or address) that is plainly internal without a lookup: localhost or an internal address. */
export function isInternalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, ''); // URL keeps IPv6 addresses in brackets
  return host === 'localhost' || isInternalAddress(host);
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A DNS lookup for the socket itself that refuses internal addresses: checked
 * when connecting, so a name that resolves elsewhere later (DNS rebinding)
 * cannot slip past a check made earlier.
 */
export function publicOnlyLookup(
  hostname: string,
  options: LookupOptions,
  callback: LookupCallback,
) {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const refused = addresses.find((entry) => isInternalAddress(entry.address));
    if (refused) {
      const denied = Object.assign(new Error(`${hostname} resolves to an internal address`), {
        code: 'EADDRNOTAVAIL',
      });
      return callback(denied, []);
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}
