import type { TenantScope } from '@portico/auth';
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { sealSecret, secretContext, type SecretKeyring } from '@portico/event-secrets';
import type { EventType } from '@portico/events';
import type { Connection } from 'mongoose';
import { badInput } from '@portico/errors';
import { isDuplicateKeyError } from '@portico/mongo';
import { hashToken } from './tokens/sessions';

export type OneTimeTokenKind =
  'PASSWORD_RESET' | 'STAFF_INVITATION' | 'CONTACT_INVITATION' | 'EMAIL_VERIFICATION';

/** SMS codes: no look-alikes (no 0/O, 1/I/l, 5/S, 2/Z, 8/B), upper case, read out easily. */
export const CODE_ALPHABET = '34679ACDEFGHJKMNPQRTUVWXY';
export const CODE_LENGTH = 6;
/** Code guesses allowed per link; then the link is void. */
const MAX_CODE_ATTEMPTS = 5;

interface TokenRecord {
  _id: string; // sha-256 of the token
  kind: OneTimeTokenKind;
  tenantId: string;
  userId: string;
  expiresAt: Date;
  /** sha-256 of token and SMS code, when a code is needed too. */
  codeHash: string | null;
  /** When a newer token of the kind was sent to the user: the link then says so. */
  supersededAt?: Date;
}

/** What a link holder is told of it before using it (the invitation page). */
export type TokenState = 'VALID' | 'USED' | 'EXPIRED' | 'SUPERSEDED' | 'UNKNOWN';

export function generateCode(): string {
  return Array.from(
    { length: CODE_LENGTH },
    () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)],
  ).join('');
}

// Keyed by the token, which is never stored: a leaked database does not give codes away.
const hashCode = (token: string, code: string) =>
  createHash('sha256').update(`${token}:${code.trim().toUpperCase()}`).digest();

/**
 * Secrets sent by email (reset links, invitations), optionally with a second
 * factor sent by SMS: stored only as hashes, valid until they expire, usable
 * once. Using one is an insert under its hash, the one write exclusive under
 * concurrency on every backend; code guesses are counted the same way.
 */
export class OneTimeTokens {
  private readonly tokens;
  private readonly uses;
  private readonly codeAttempts;

  constructor(
    connection: Connection,
    /** Seals the secrets for the events that carry them (issueSealed). */
    private readonly keyring: SecretKeyring,
  ) {
    this.tokens = connection.collection<TokenRecord>('one_time_tokens');
    this.uses = connection.collection<{ _id: string; usedAt: Date }>('one_time_token_uses');
    this.codeAttempts = connection.collection<{ tokenId: string; at: Date }>(
      'one_time_token_code_attempts',
    );
  }

  async ensureIndexes(): Promise<void> {
    // serves: voiding a user's earlier tokens of a kind
    await this.tokens.createIndex({ tenantId: 1, userId: 1, kind: 1 });
    // serves: counting wrong codes per token
    await this.codeAttempts.createIndex({ tokenId: 1 });
  }

  /** Forgets every token of these users (their customer was deleted). */
  async eraseFor({ tenantId }: TenantScope, userIds: string[]): Promise<void> {
    const records = await this.tokens.find({ tenantId, userId: { $in: userIds } }).toArray();
    const ids = records.map((record) => record._id);
    await this.codeAttempts.deleteMany({ tokenId: { $in: ids } });
    await this.uses.deleteMany({ _id: { $in: ids } });
    await this.tokens.deleteMany({ _id: { $in: ids } });
  }

  /** A new token (and code, if asked for); earlier unused ones of the kind for the user stop working. */
  async issue(
    kind: OneTimeTokenKind,
    { tenantId }: TenantScope,
    userId: string,
    ttlMs: number,
    options: { withCode?: boolean } = {},
  ): Promise<{ token: string; code: string | null; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const code = options.withCode ? generateCode() : null;
    const expiresAt = new Date(Date.now() + ttlMs);
    // Kept, marked: a contact opening an older email learns that a newer one was sent.
    await this.tokens.updateMany(
      { kind, tenantId, userId },
      { $set: { supersededAt: new Date() } },
    );
    await this.tokens.insertOne({
      _id: hashToken(token),
      kind,
      tenantId,
      userId,
      expiresAt,
      codeHash: code ? hashCode(token, code).toString('hex') : null,
    });
    return { token, code, expiresAt };
  }

  /**
   * issue(), with the token and code sealed for the event of `eventType` (subject: the user)
   * that carries them to the notification service: Kafka keeps events for days, and only that
   * service may read these.
   */
  async issueSealed(
    kind: OneTimeTokenKind,
    tenant: TenantScope,
    userId: string,
    ttlMs: number,
    eventType: EventType,
    options: { withCode?: boolean } = {},
  ): Promise<{ token: string; code: string | null; expiresAt: Date }> {
    const { token, code, expiresAt } = await this.issue(kind, tenant, userId, ttlMs, options);
    const sealed = (field: string, value: string) =>
      sealSecret(this.keyring, value, secretContext(eventType, field, userId));
    return { token: sealed('token', token), code: code && sealed('code', code), expiresAt };
  }

  /** The state of a token, without using it up, and whether it needs the SMS code. */
  async inspect(
    kinds: OneTimeTokenKind[],
    token: string,
  ): Promise<{ state: TokenState; codeRequired: boolean; record: TokenRecord | null }> {
    const _id = hashToken(token);
    const record = await this.tokens.findOne({ _id, kind: { $in: kinds } });
    const codeRequired = Boolean(record?.codeHash);
    if (!record) return { state: 'UNKNOWN', codeRequired, record };
    if (await this.uses.findOne({ _id })) return { state: 'USED', codeRequired, record };
    if (record.supersededAt) return { state: 'SUPERSEDED', codeRequired, record };
    if (record.expiresAt <= new Date()) return { state: 'EXPIRED', codeRequired, record };
    return { state: 'VALID', codeRequired, record };
  }

  /**
   * Uses the token up and says whose and what it was. BAD_USER_INPUT on
   * `token` when unknown, expired or used; on `code` when the SMS code is
   * missing or wrong (after five guesses the token is void).
   */
  async redeem(
    kinds: OneTimeTokenKind[],
    token: string,
    code?: string | null,
  ): Promise<{ kind: OneTimeTokenKind; tenantId: string; userId: string }> {
    const invalid = badInput('token', 'This link is invalid, used or expired; ask for a new one');
    const _id = hashToken(token);
    const record = await this.tokens.findOne({ _id, kind: { $in: kinds } });
    if (!record || record.supersededAt || record.expiresAt <= new Date()) throw invalid;
    if (record.codeHash) await this.checkCode(record, token, code, invalid);
    try {
      await this.uses.insertOne({ _id, usedAt: new Date() });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw invalid;
      throw error;
    }
    return { kind: record.kind, tenantId: record.tenantId, userId: record.userId };
  }

  /**
   * Each guess is recorded before it is judged, so guesses sent side by side
   * are all counted: the k-th sees at least k, and the sixth is refused even
   * when right.
   */
  private async checkCode(
    record: TokenRecord,
    token: string,
    code: string | null | undefined,
    invalid: Error,
  ): Promise<void> {
    if (!code?.trim()) throw badInput('code', 'Enter the code we sent by SMS');
    await this.codeAttempts.insertOne({ tokenId: record._id, at: new Date() });
    if ((await this.codeAttempts.countDocuments({ tokenId: record._id })) > MAX_CODE_ATTEMPTS)
      throw invalid;
    if (timingSafeEqual(hashCode(token, code), Buffer.from(record.codeHash!, 'hex'))) return;
    throw badInput('code', 'This code is not right; check the SMS');
  }
}
