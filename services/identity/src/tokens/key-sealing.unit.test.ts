import { seal, unseal } from './key-sealing';

const SECRET = 'a-signing-key-secret-of-32-chars-or-more';

describe('key sealing', () => {
  it('round-trips and never stores the plaintext', () => {
    const sealed = seal(SECRET, '{"d":"private"}');
    expect(JSON.stringify(sealed)).not.toContain('private');
    expect(unseal(SECRET, sealed)).toBe('{"d":"private"}');
    expect(seal(SECRET, 'same').data).not.toBe(seal(SECRET, 'same').data); // fresh IV each time
  });

  it('refuses a wrong secret and altered data', () => {
    const sealed = seal(SECRET, 'key material');
    expect(() => unseal(`${SECRET}!`, sealed)).toThrow();
    const data = Buffer.from(sealed.data, 'base64');
    data[0] = data[0]! ^ 1;
    expect(() => unseal(SECRET, { ...sealed, data: data.toString('base64') })).toThrow();
  });
});
