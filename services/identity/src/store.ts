import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { isDuplicateKeyError } from '@portico/mongo';
import { auditEntryModel, type AuditEntryRecord } from './model/audit-entry';
import { organizationModel } from './model/organization';
import { refreshTokenModel } from './model/refresh-token';
import { sessionModel } from './model/session';
import { signInAttemptModel } from './model/sign-in-attempt';
import { signingKeyModel } from './model/signing-key';
import { userModel, type UserRecord } from './model/user';

export type NewAuditEntry = Omit<
  AuditEntryRecord,
  '_id' | 'createdAt' | 'ip' | 'userAgent' | 'details' | 'targetType' | 'targetId' | 'customerId'
> &
  Partial<
    Pick<
      AuditEntryRecord,
      | '_id'
      | 'createdAt'
      | 'ip'
      | 'userAgent'
      | 'details'
      | 'targetType'
      | 'targetId'
      | 'customerId'
    >
  >;

/**
 * Identity's collections. Every tenant-owned read takes the tenant id, so a
 * query across tenants cannot be written by accident.
 */
export class IdentityStore {
  readonly organizations;
  readonly users;
  readonly sessions;
  readonly refreshTokens;
  /** One document per used refresh token, keyed by its hash. */
  readonly refreshTokenUses;
  readonly signingKeys;
  readonly auditEntries;
  readonly signInAttempts;

  constructor(connection: Connection) {
    this.organizations = organizationModel(connection);
    this.users = userModel(connection);
    this.sessions = sessionModel(connection);
    this.refreshTokens = refreshTokenModel(connection);
    this.refreshTokenUses = connection.collection<{ _id: string; usedAt: Date }>(
      'refresh_token_uses',
    );
    this.signingKeys = signingKeyModel(connection);
    this.auditEntries = auditEntryModel(connection);
    this.signInAttempts = signInAttemptModel(connection);
  }

  findUser(tenantId: string, userId: string): Promise<UserRecord | null> {
    return this.users.findOne({ _id: userId, tenantId }).lean().exec();
  }

  findOrganization(tenantId: string) {
    return this.organizations.findOne({ _id: tenantId }, { outbox: 0 }).lean().exec();
  }

  /** Writes an audit entry; an entry with the same id (a redelivered event) is kept once. */
  async audit(entry: NewAuditEntry): Promise<void> {
    try {
      await this.auditEntries.create({
        ip: null,
        userAgent: null,
        details: null,
        targetType: null,
        targetId: null,
        customerId: null,
        createdAt: new Date(),
        ...entry,
        _id: entry._id ?? randomUUID(),
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}
