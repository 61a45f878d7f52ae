import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The keys one-time secrets are sealed with on Kafka (EVENT_SECRET_KEYS): only identity, which
 * makes the secrets, and notification, which sends them, hold them. Sealing uses the first;
 * opening takes any, so keys rotate by putting a new one first and dropping the old one once
 * the topics have no event sealed with it (their retention).
 */
export interface SecretKeyring {
  current: { id: string; key: Buffer };
  byId: ReadonlyMap<string, Buffer>;
}

const PREFIX = 'es1';

/** Parses `id:base64key,id:base64key` (32-byte keys, first one current). */
export function keyringFrom(spec: string): SecretKeyring {
  const entries = spec
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [id = '', encoded = ''] = entry.split(':');
      const key = Buffer.from(encoded, 'base64');
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(id) || key.length !== 32)
        throw new Error(
          'each entry must be <id>:<32 bytes in base64>, the id of letters and digits',
        );
      return [id, key] as const;
    });
  if (entries.length === 0) throw new Error('needs at least one key');
  const [id, key] = entries[0]!;
  return { current: { id, key }, byId: new Map(entries) };
}

/**
 * `plaintext` sealed with AES-256-GCM under the current key, bound to `context` (the event type,
 * field and subject), so a sealed value cannot be moved into another event or field:
 * `es1.<key id>.<iv>.<ciphertext and tag>`.
 */
export function sealSecret(keyring: SecretKeyring, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyring.current.key, iv);
  cipher.setAAD(Buffer.from(context));
  const data = Buffer.concat([
    cipher.update(plaintext, 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return [PREFIX, keyring.current.id, iv.toString('base64url'), data.toString('base64url')].join(
    '.',
  );
}

/** The plaintext of a sealed value; throws when the key is unknown, the context differs or it was altered. */
export function openSecret(keyring: SecretKeyring, sealed: string, context: string): string {
  const [prefix, id = '', iv = '', data = ''] = sealed.split('.');
  if (prefix !== PREFIX) throw new Error('not a sealed secret');
  const key = keyring.byId.get(id);
  if (!key) throw new Error(`sealed with an unknown key: ${id}`);
  const bytes = Buffer.from(data, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([
    decipher.update(bytes.subarray(0, bytes.length - 16)),
    decipher.final(),
  ]).toString('utf8');
}

/** A fresh key in the form EVENT_SECRET_KEYS takes, for `id`. */
export const newKeyEntry = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

/** What a secret in an event is bound to: the event's type, the field and the event's subject. */
export const secretContext = (eventType: string, field: string, subject: string) =>
  `${eventType}/${field}/${subject}`;
