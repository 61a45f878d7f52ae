import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { badInput } from '@portico/errors';
import { commonPasswords } from './common-passwords';

// scrypt with N = 2^17, r = 8, p = 1 (OWASP's minimum for scrypt); 128 MiB per hash.
const PARAMS = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 } satisfies ScryptOptions;
const KEY_LENGTH = 32;
export const MIN_PASSWORD_LENGTH = 10;
/** Long passphrases are welcome; the cap only keeps hashing bounded. */
export const MAX_PASSWORD_LENGTH = 256;

function derive(password: string, salt: Buffer, params: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, params, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** Length limits, then a check against the common-password list; BAD_USER_INPUT naming the field. */
export async function checkPasswordPolicy(field: string, password: string): Promise<void> {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw badInput(field, `Password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH)
    throw badInput(field, `Password must have at most ${MAX_PASSWORD_LENGTH} characters`);
  if ((await commonPasswords(MIN_PASSWORD_LENGTH)).has(password.normalize('NFKC').toLowerCase())) {
    throw badInput(
      field,
      'This password is among the most common in breached password lists; choose another',
    );
  }
}

/** Encoded as scrypt$N$r$p$salt$hash so parameters can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return [
    'scrypt',
    PARAMS.N,
    PARAMS.r,
    PARAMS.p,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$');
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const [scheme, N, r, p, salt, hash] = encoded.split('$');
  if (scheme !== 'scrypt' || !salt || !hash || password.length > MAX_PASSWORD_LENGTH) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), {
    N: Number(N),
    r: Number(r),
    p: Number(p),
    maxmem: PARAMS.maxmem,
  });
  return timingSafeEqual(actual, expected);
}

/** A hash to verify against when the user does not exist, so timing does not tell. */
export const decoyPasswordHash = hashPassword(randomBytes(16).toString('hex'));
