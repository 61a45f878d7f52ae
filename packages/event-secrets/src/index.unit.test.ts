import { keyringFrom, newKeyEntry, openSecret, sealSecret } from './index';

describe('event secrets', () => {
  const old = newKeyEntry('k1');
  const current = newKeyEntry('k2');
  const keyring = keyringFrom(`${current},${old}`);
  const context = 'portico.identity.contact-invited.v1/token/user-1';

  it('seals under the current key, so that the value says nothing of the secret', () => {
    const sealed = sealSecret(keyring, 'K7M3PQ', context);
    expect(sealed).toMatch(/^es1\.k2\./);
    expect(sealed).not.toContain('K7M3PQ');
    expect(sealSecret(keyring, 'K7M3PQ', context)).not.toBe(sealed); // a fresh IV each time
    expect(openSecret(keyring, sealed, context)).toBe('K7M3PQ');
  });

  it('opens what an older key sealed while that key is listed', () => {
    const sealedWithOld = sealSecret(keyringFrom(old), 'reset-token', context);
    expect(openSecret(keyring, sealedWithOld, context)).toBe('reset-token');
    expect(() => openSecret(keyringFrom(current), sealedWithOld, context)).toThrow(
      'unknown key: k1',
    );
  });

  it('refuses another context, an altered value and plain text', () => {
    const sealed = sealSecret(keyring, 'secret', context);
    expect(() => openSecret(keyring, sealed, `${context}x`)).toThrow();
    const altered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => openSecret(keyring, altered, context)).toThrow();
    expect(() => openSecret(keyring, 'plain-token', context)).toThrow('not a sealed secret');
  });

  it('refuses a malformed key list', () => {
    expect(() => keyringFrom('')).toThrow('needs at least one key');
    expect(() => keyringFrom('k1:c2hvcnQ=')).toThrow('32 bytes');
  });
});
