import { DeviceTokens } from './device-tokens';

describe('DeviceTokens', () => {
  let now = Date.parse('2026-12-01T00:00:00Z');
  const tokens = new DeviceTokens('a secret of at least thirty-two chars', () => now);

  it('names the device to the account it was made for, and keeps it on reissue', () => {
    const token = tokens.issue('ada@example.com');
    const device = tokens.deviceOf(token, 'ada@example.com');
    expect(device).toMatch(/^[0-9a-f-]{36}$/);
    expect(tokens.deviceOf(tokens.issue('ada@example.com', device), 'ada@example.com')).toBe(
      device,
    );
  });

  it('refuses another account, a forged or altered token, another secret and old age', () => {
    const token = tokens.issue('ada@example.com');
    expect(tokens.deviceOf(token, 'eve@example.com')).toBeNull();
    expect(tokens.deviceOf(token.replace(/^[^.]+/, 'my-own-device'), 'ada@example.com')).toBeNull();
    expect(tokens.deviceOf('garbage', 'ada@example.com')).toBeNull();
    expect(tokens.deviceOf(undefined, 'ada@example.com')).toBeNull();
    const other = new DeviceTokens('another secret of thirty-two chars!!', () => now);
    expect(other.deviceOf(token, 'ada@example.com')).toBeNull();
    now += 181 * 86_400_000;
    expect(tokens.deviceOf(token, 'ada@example.com')).toBeNull();
  });
});
