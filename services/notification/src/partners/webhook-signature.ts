import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signing per the Standard Webhooks scheme (standardwebhooks.com),
 * which receivers can verify with its libraries: headers `webhook-id`,
 * `webhook-timestamp` (Unix seconds) and `webhook-signature` ("v1,<base64
 * HMAC-SHA256 of id.timestamp.body>"); the secret is "whsec_<base64 key>".
 */
const SECRET_PREFIX = 'whsec_';

/**
 * An endpoint's secret, derived from the platform key, its id and its
 * version: nothing secret is stored, and rotating bumps the version.
 */
export function endpointSecret(platformKey: string, endpointId: string, version: number): string {
  const key = createHmac('sha256', platformKey).update(`${endpointId}:${version}`).digest();
  return `${SECRET_PREFIX}${key.toString('base64')}`;
}

function signatureOf(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
  return createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
}

// A type, not an interface: it must pass where any header record is expected.
export type SignedHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

export function signedHeaders(
  secret: string,
  id: string,
  body: string,
  now = new Date(),
): SignedHeaders {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': `v1,${signatureOf(secret, id, timestamp, body)}`,
  };
}

/** How far a receiver should let a timestamp be from its clock: older messages are replays. */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

/**
 * What a receiver does (used by our tests, and the reference for partners):
 * the signature must match and the timestamp be recent.
 */
export function verifyWebhook(
  secret: string,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  body: string,
  now = new Date(),
): boolean {
  const id = headers['webhook-id'];
  const timestamp = Number(headers['webhook-timestamp']);
  const signatures = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof signatures !== 'string' || !Number.isInteger(timestamp))
    return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > TIMESTAMP_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(signatureOf(secret, id, timestamp, body));
  return signatures.split(' ').some((candidate) => {
    const [version, signature] = candidate.split(',');
    const given = Buffer.from(signature ?? '');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}
