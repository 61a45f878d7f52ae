import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** A secret encrypted with AES-256-GCM; each part base64. */
export interface Sealed {
  iv: string;
  tag: string;
  data: string;
}

// The secret is operator-chosen and long (config demands 32+ characters); SHA-256 fits it to a key.
const keyOf = (secret: string) => createHash('sha256').update(secret).digest();

/** Encrypts `plaintext` so the database alone does not give it away. */
export function seal(secret: string, plaintext: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** Decrypts what `seal` made; throws when the secret is wrong or the data was altered. */
export function unseal(secret: string, sealed: Sealed): string {
  const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), Buffer.from(sealed.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([
    decipher.update(Buffer.from(sealed.data, 'base64')),
    decipher.final(),
  ]).toString('utf8');
}
