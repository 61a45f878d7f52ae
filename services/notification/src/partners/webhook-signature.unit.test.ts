import { endpointSecret, signedHeaders, verifyWebhook } from './webhook-signature';

const key = 'a platform key of at least thirty-two characters';
const body = JSON.stringify({ id: 'evt-1', data: { amount: '1.00' } });
const at = new Date('2026-11-23T12:00:00Z');

describe('webhook signatures', () => {
  const secret = endpointSecret(key, 'endpoint-1', 1);

  it('derives a whsec_ secret per endpoint and version', () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(endpointSecret(key, 'endpoint-1', 1)).toBe(secret);
    expect(endpointSecret(key, 'endpoint-1', 2)).not.toBe(secret);
    expect(endpointSecret(key, 'endpoint-2', 1)).not.toBe(secret);
  });

  it('verifies what it signed, within five minutes', () => {
    const headers = signedHeaders(secret, 'evt-1', body, at);
    expect(headers['webhook-timestamp']).toBe(String(at.getTime() / 1000));
    expect(verifyWebhook(secret, { ...headers }, body, at)).toBe(true);
    expect(verifyWebhook(secret, { ...headers }, body, new Date(at.getTime() + 299_000))).toBe(
      true,
    );
  });

  it('refuses a changed body, id or timestamp, another secret, and a replay after five minutes', () => {
    const headers = signedHeaders(secret, 'evt-1', body, at);
    expect(verifyWebhook(secret, headers, body.replace('1.00', '9.00'), at)).toBe(false);
    expect(verifyWebhook(secret, { ...headers, 'webhook-id': 'evt-2' }, body, at)).toBe(false);
    const shifted = String(Number(headers['webhook-timestamp']) + 1);
    expect(verifyWebhook(secret, { ...headers, 'webhook-timestamp': shifted }, body, at)).toBe(
      false,
    );
    expect(verifyWebhook(endpointSecret(key, 'endpoint-1', 2), headers, body, at)).toBe(false);
    expect(verifyWebhook(secret, headers, body, new Date(at.getTime() + 301_000))).toBe(false);
  });
});
