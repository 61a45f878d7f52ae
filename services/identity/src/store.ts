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

  /** A contact's copy of its access's expiry, so its tokens never outlive it. */
  async setAccessExpiry(tenantId: string, accessId: string, expiresAt: Date | null): Promise<void> {
    await this.users.updateOne({ tenantId, accessId }, { $set: { accessExpiresAt: expiresAt } });
  }

  /** Disables the contact of a revoked access; the contact, or null when there is none. */
  disableContact(tenantId: string, accessId: string): Promise<UserRecord | null> {
    return this.users
      .findOneAndUpdate({ tenantId, accessId }, { $set: { disabled: true } }, { new: true })
      .lean()
      .exec();
  }

  /**
   * Erases a deleted customer's contacts with their sessions, refresh tokens, sign-in attempts
   * and audit entries (`eraseTokens` in between, for their one-time tokens). Kept: the entry
   * recording the deletion itself, which names only the customer id and the staff user.
   */
  async eraseContactsOf(
    tenantId: string,
    customer: { customerId: string; accessIds: string[] },
    eraseTokens: (userIds: string[]) => Promise<void>,
  ): Promise<void> {
    const { customerId, accessIds } = customer;
    const contacts = await this.users
      .find({ tenantId, customerId }, { _id: 1, email: 1 })
      .lean()
      .exec();
    const userIds = contacts.map((contact) => contact._id);
    const sessionIds = (
      await this.sessions
        .find({ tenantId, userId: { $in: userIds } }, { _id: 1 })
        .lean()
        .exec()
    ).map((session) => session._id);
    await this.refreshTokens.deleteMany({ tenantId, sessionId: { $in: sessionIds } });
    await this.sessions.deleteMany({ tenantId, _id: { $in: sessionIds } });
    await eraseTokens(userIds);
    await this.signInAttempts.deleteMany({
      key: {
        $in: contacts.flatMap((contact) => [
          `account:${contact.email}`,
          `reset:account:${contact.email}`,
        ]),
      },
    });
    await this.auditEntries.deleteMany({
      tenantId,
      action: { $ne: 'customer.deleted' },
      $or: [
        { customerId },
        { actorId: { $in: userIds } },
        { targetId: { $in: [customerId, ...accessIds, ...userIds, ...sessionIds] } },
      ],
    });
    await this.users.deleteMany({ tenantId, _id: { $in: userIds } });
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
