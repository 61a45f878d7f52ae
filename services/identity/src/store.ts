import type { TenantScope } from '@portico/auth';
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { CloudEvent } from '@portico/events';
import { isDuplicateKeyError } from '@portico/mongo';
import { lockDocument, updateLocked } from '@portico/outbox';
import { auditEntryModel, type AuditEntryRecord } from './model/audit-entry';
import { organizationModel, type OrganizationRecord } from './model/organization';
import { refreshTokenModel } from './model/refresh-token';
import { sessionModel } from './model/session';
import { signInAttemptModel } from './model/sign-in-attempt';
import { signingKeyModel } from './model/signing-key';
import { userModel, type UserRecord } from './model/user';
import { SessionRepository } from './tokens/session-repository';

export type NewUser = Pick<
  UserRecord,
  '_id' | 'email' | 'passwordHash' | 'firstName' | 'lastName' | 'kind' | 'role'
> &
  Partial<Pick<UserRecord, 'accessId' | 'customerId' | 'accessExpiresAt'>>;

/** The fields of a user that change after it is made. */
export type UserChanges = Partial<
  Pick<UserRecord, 'passwordHash' | 'firstName' | 'lastName' | 'role' | 'disabled' | 'lastLoginAt'>
>;

/** Which audit entries to read: by actor, action, target and time. */
export interface AuditQuery {
  actorId?: string;
  action?: string;
  targetId?: string;
  createdAt?: { $gte?: Date; $lte?: Date };
}

/** The fields of an audit entry the store fills in when they are not given. */
type DefaultedAuditFields =
  '_id' | 'createdAt' | 'ip' | 'userAgent' | 'details' | 'targetType' | 'targetId' | 'customerId';

/** A new audit entry as callers give it; the store sets the tenant from its scope. */
export type NewAuditEntry = Omit<AuditEntryRecord, 'tenantId' | DefaultedAuditFields> &
  Partial<Pick<AuditEntryRecord, DefaultedAuditFields>>;

/**
 * Identity's collections. Every tenant-owned read and write takes a TenantScope, so a
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
  readonly sessionRecords;

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
    this.sessionRecords = new SessionRepository(
      this.sessions,
      this.refreshTokens,
      this.refreshTokenUses,
    );
  }

  findUser({ tenantId }: TenantScope, userId: string): Promise<UserRecord | null> {
    return this.users.findOne({ _id: userId, tenantId }).lean().exec();
  }

  /** A user of the tenant who is not disabled, or null. */
  findActiveUser({ tenantId }: TenantScope, userId: string): Promise<UserRecord | null> {
    return this.users.findOne({ _id: userId, tenantId, disabled: false }).lean().exec();
  }

  /** The contact of a portal access, or null before its invitation. */
  findContact({ tenantId }: TenantScope, accessId: string): Promise<UserRecord | null> {
    return this.users.findOne({ tenantId, accessId }).lean().exec();
  }

  /**
   * The enabled accounts with this email: in every organization (an email may sign in to
   * several), or only in the one with `organizationSlug`.
   */
  async accountsByEmail(email: string, organizationSlug: string | null): Promise<UserRecord[]> {
    const [users, organization] = await Promise.all([
      this.users.find({ email, disabled: false }).lean().exec(),
      organizationSlug
        ? this.organizations
            .findOne({ slug: organizationSlug.trim().toLowerCase() }, { _id: 1 })
            .lean()
            .exec()
        : null,
    ]);
    if (!organizationSlug) return users;
    return users.filter((user) => user.tenantId === organization?._id);
  }

  /** The tenant's staff users, by email. */
  staffUsers({ tenantId }: TenantScope): Promise<UserRecord[]> {
    return this.users.find({ tenantId, kind: 'STAFF' }).sort({ email: 1 }).lean().exec();
  }

  /** How many enabled owners the organization has. */
  countActiveOwners({ tenantId }: TenantScope): Promise<number> {
    return this.users.countDocuments({ tenantId, kind: 'STAFF', role: 'OWNER', disabled: false });
  }

  /** Adds a user; a taken email within the tenant fails with a duplicate-key error. */
  async createUser({ tenantId }: TenantScope, user: NewUser): Promise<UserRecord> {
    return (await this.users.create({ ...user, tenantId })).toObject();
  }

  /**
   * Changes fields of a user of the tenant (`onlyActive`: of an enabled one); the user as
   * changed, or null when there is none.
   */
  updateUser(
    { tenantId }: TenantScope,
    userId: string,
    changes: UserChanges,
    { onlyActive = false } = {},
  ): Promise<UserRecord | null> {
    return this.users
      .findOneAndUpdate(
        { _id: userId, tenantId, ...(onlyActive ? { disabled: false } : {}) },
        { $set: changes },
        { new: true },
      )
      .lean()
      .exec();
  }

  async deleteUser({ tenantId }: TenantScope, userId: string): Promise<void> {
    await this.users.deleteOne({ _id: userId, tenantId });
  }

  /** A contact's copy of its access's expiry, so its tokens never outlive it. */
  async setAccessExpiry(
    { tenantId }: TenantScope,
    accessId: string,
    expiresAt: Date | null,
  ): Promise<void> {
    await this.users.updateOne({ tenantId, accessId }, { $set: { accessExpiresAt: expiresAt } });
  }

  /** Disables the contact of a revoked access; the contact, or null when there is none. */
  disableContact({ tenantId }: TenantScope, accessId: string): Promise<UserRecord | null> {
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
    { tenantId }: TenantScope,
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

  async slugTaken(slug: string): Promise<boolean> {
    return (await this.organizations.exists({ slug })) !== null;
  }

  /**
   * Adds an organization with the event announcing it, in one single-document write (outbox);
   * a taken slug fails with a duplicate-key error.
   */
  async createOrganization(
    organization: Pick<OrganizationRecord, '_id' | 'name' | 'slug'>,
    event: CloudEvent,
  ): Promise<void> {
    await lockDocument(this.organizations, organization._id, () =>
      this.organizations.create({ ...organization, outbox: [event] }),
    );
  }

  /** Records the owner's confirmed email with its event, once: a second confirmation changes nothing. */
  async markOrganizationVerified(
    { tenantId }: TenantScope,
    verifiedAt: Date,
    event: CloudEvent,
  ): Promise<void> {
    await updateLocked(
      this.organizations,
      { _id: tenantId, verifiedAt: null },
      { $set: { verifiedAt }, $push: { outbox: event } },
    );
  }

  /** The organization's name, or null when there is none. */
  async organizationName({ tenantId }: TenantScope): Promise<string | null> {
    const organization = await this.organizations
      .findOne({ _id: tenantId }, { name: 1 })
      .lean()
      .exec();
    return organization?.name ?? null;
  }

  findOrganization({ tenantId }: TenantScope) {
    return this.organizations.findOne({ _id: tenantId }, { outbox: 0 }).lean().exec();
  }

  /** A page of the tenant's audit trail, newest first, with the count of all that match. */
  async auditPage(
    { tenantId }: TenantScope,
    query: AuditQuery,
    page: { filter: object; sort: { createdAt: -1; _id: -1 }; limit: number },
  ): Promise<{ rows: AuditEntryRecord[]; total: number }> {
    const where = { ...query, tenantId };
    const [rows, total] = await Promise.all([
      this.auditEntries
        .find({ $and: [where, page.filter] })
        .sort(page.sort)
        .limit(page.limit)
        .lean()
        .exec(),
      this.auditEntries.countDocuments(where),
    ]);
    return { rows, total };
  }

  /** Writes an audit entry; an entry with the same id (a redelivered event) is kept once. */
  async audit({ tenantId }: TenantScope, entry: NewAuditEntry): Promise<void> {
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
        tenantId,
        _id: entry._id ?? randomUUID(),
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}
