import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { badInput } from '@portico/errors';
import { isDuplicateKeyError } from '@portico/mongo';
import { hashToken } from './tokens/sessions';

export type OneTimeTokenKind = 'PASSWORD_RESET' | 'STAFF_INVITATION';

interface TokenRecord {
  _id: string; // sha-256 of the token
  kind: OneTimeTokenKind;
  tenantId: string;
  userId: string;
  expiresAt: Date;
}

/**
 * Secrets sent by email (reset links, invitations): stored only as their
 * hash, valid until they expire, and usable once. Using one is an insert
 * under its hash, the one write exclusive under concurrency on every backend.
 */
export class OneTimeTokens {
  private readonly tokens;
  private readonly uses;

  constructor(connection: Connection) {
    this.tokens = connection.collection<TokenRecord>('one_time_tokens');
    this.uses = connection.collection<{ _id: string; usedAt: Date }>('one_time_token_uses');
  }

  async issue(
    kind: OneTimeTokenKind,
    tenantId: string,
    userId: string,
    ttlMs: number,
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + ttlMs);
    await this.tokens.insertOne({ _id: hashToken(token), kind, tenantId, userId, expiresAt });
    return { token, expiresAt };
  }

  /** Uses the token up and says whose it was; BAD_USER_INPUT on `token` when unknown, expired or used. */
  async redeem(
    kind: OneTimeTokenKind,
    token: string,
  ): Promise<{ tenantId: string; userId: string }> {
    const invalid = badInput('token', 'This link is invalid, used or expired; ask for a new one');
    const _id = hashToken(token);
    const record = await this.tokens.findOne({ _id, kind, expiresAt: { $gt: new Date() } });
    if (!record) throw invalid;
    try {
      await this.uses.insertOne({ _id, usedAt: new Date() });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw invalid;
      throw error;
    }
    return { tenantId: record.tenantId, userId: record.userId };
  }
}
