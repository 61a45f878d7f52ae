import { checkPasswordPolicy, hashPassword, verifyPassword } from './passwords';

const fieldOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: { code: string; field: string; message: string }) =>
      `${error.code}:${error.field}:${error.message}`,
  );

describe('password policy', () => {
  it('refuses passwords that are too short or too long, naming the field', async () => {
    expect(await fieldOf(checkPasswordPolicy('newPassword', 'short'))).toMatch(
      /^BAD_USER_INPUT:newPassword:.*at least 10/,
    );
    expect(await fieldOf(checkPasswordPolicy('newPassword', 'x'.repeat(257)))).toMatch(
      /^BAD_USER_INPUT:newPassword:.*at most 256/,
    );
  });

  it('refuses passwords from the breached-password list, whatever their case', async () => {
    for (const common of ['1234567890', 'qwertyuiop', 'Password123']) {
      expect(await fieldOf(checkPasswordPolicy('input.ownerPassword', common))).toMatch(
        /^BAD_USER_INPUT:input.ownerPassword:.*most common/,
      );
    }
    expect(
      await fieldOf(checkPasswordPolicy('input.ownerPassword', 'correct horse battery staple')),
    ).toBe('ok');
  });

  it('hashes with scrypt and accepts long passphrases untruncated', async () => {
    const long = 'p'.repeat(200);
    const hash = await hashPassword(long);
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword(long, hash)).toBe(true);
    expect(await verifyPassword(`${long.slice(0, 199)}q`, hash)).toBe(false);
  });
});
