import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** IPv4 written as IPv6 (`::ffff:10.0.0.1`), as a dual-stack socket reports it, as plain IPv4. */
const plain = (address: string) => /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;

/**
 * The proxies in front of the gateway (load balancers, ingress), as CIDRs: only their
 * `X-Forwarded-For` is believed. Empty: the socket's peer is the client.
 */
export function trustedProxies(cidrs: string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [network = '', prefix] = cidr.split('/');
    const family = isIP(network);
    if (family === 0) throw new Error(`not a CIDR: ${cidr}`);
    const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix);
    if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128))
      throw new Error(`not a CIDR: ${cidr}`);
    list.addSubnet(network, bits, family === 4 ? 'ipv4' : 'ipv6');
  }
  return list;
}

function isTrusted(proxies: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && proxies.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The caller's address for throttling and the audit trail: the socket's peer, unless that is a
 * trusted proxy; then `X-Forwarded-For` read from the right, past every trusted proxy, to the
 * first address a trusted proxy saw connecting. What a client writes further left is its own
 * claim and never believed.
 */
export function clientAddress(req: IncomingMessage, proxies: BlockList): string | null {
  const peer = req.socket.remoteAddress;
  if (!peer) return null;
  let client = plain(peer);
  if (!isTrusted(proxies, client)) return client;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((hop) => plain(hop.trim()));
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = hops[index]!;
    if (isIP(hop) === 0) break; // garbage: stop at the last address a trusted proxy vouched for
    client = hop;
    if (!isTrusted(proxies, hop)) break;
  }
  return client;
}
