import { randomUUID } from 'node:crypto';
import {
  type ContactPrincipal,
  principalScope,
  type StaffPrincipal,
  storedScope,
  type TenantScope,
} from '@portico/auth';
import { badInput, conflict, notFound } from '@portico/errors';
import { createEvent, type EventData } from '@portico/events';
import { isDuplicateKeyError } from '@portico/mongo';
import type { UpdateQuery } from 'mongoose';
import {
  normalizeEmail,
  normalizePhone,
  optionalText,
  requireTimestamp,
} from '@portico/validation';
import { staffScope } from './customer-scope';
import type { AccessLevelRecord, Permission } from './model/access-level';
import type { CustomerRecord } from './model/customer';
import { accessStatus, type PortalAccessRecord } from './model/portal-access';
import type { CustomerStore } from './store';

export interface GrantAccessInput {
  email: string;
  phone?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  accessLevelId?: string | null;
  expiresAt?: string | null;
}

export interface UpdateAccessInput {
  accessLevelId?: string | null;
  /** null or absent keeps it; an empty string removes the expiry. */
  expiresAt?: string | null;
}

type RevokeReason = EventData<'portico.access.revoked.v1'>['reason'];

/**
 * Portal accesses: granting (which makes identity invite the contact),
 * changing, revoking, and what identity reports back (activation, sign-ins).
 * Every change is one write of the access with its event.
 */
export class PortalAccesses {
  constructor(
    private readonly store: CustomerStore,
    private readonly publishPending: () => Promise<void>,
    /** Publishes and resolves once every process has applied the revocations. */
    private readonly publishRevocations: () => Promise<void>,
  ) {}

  async grant(
    staff: StaffPrincipal,
    customerId: string,
    input: GrantAccessInput,
  ): Promise<PortalAccessRecord> {
    const customer = await this.store.findCustomer(staffScope(staff), customerId);
    if (!customer) throw notFound('Customer');
    if (!customer.portalEnabled)
      throw badInput('customerId', 'The portal is switched off for this customer');
    const email = normalizeEmail('input.email', input.email);
    const phone = input.phone?.trim() ? normalizePhone('input.phone', input.phone) : null;
    const firstName = optionalText('input.firstName', input.firstName, 100);
    const lastName = optionalText('input.lastName', input.lastName, 100);
    const expiresAt = input.expiresAt ? futureTimestamp('input.expiresAt', input.expiresAt) : null;
    const levelId =
      input.accessLevelId ??
      (await this.store.findPortalSettings(principalScope(staff))).defaultAccessLevelId;
    const level = await this.requireLevel(principalScope(staff), levelId, 'input.accessLevelId');

    const _id = randomUUID();
    const event = createEvent({
      type: 'portico.access.granted.v1',
      service: 'customer',
      subject: _id,
      tenantId: staff.tenantId,
      data: {
        ...invitationSnapshot(
          { _id, customerId, email, phone, firstName, lastName, expiresAt },
          customer,
          level,
        ),
        grantedBy: staff.userId,
      },
    });
    try {
      const created = await this.store.createAccess(principalScope(staff), {
        _id,
        customerId,
        email,
        emailKey: email,
        phone,
        firstName,
        lastName,
        accessLevelId: level._id,
        status: 'INVITED',
        expiresAt,
        invitedAt: new Date(),
        invitedBy: staff.userId,
        outbox: [event],
      });
      void this.publishPending();
      return created;
    } catch (error) {
      if (isDuplicateKeyError(error))
        throw conflict('input.email', 'This email already has portal access in your organization');
      throw error;
    }
  }

  /** Level and expiry. An expiry now or in the past ends the access at once. */
  async update(
    staff: StaffPrincipal,
    id: string,
    input: UpdateAccessInput,
  ): Promise<PortalAccessRecord> {
    const access = await this.visibleToStaff(staff, id);
    if (access.status === 'REVOKED') throw conflict('id', 'The access is revoked');
    const level = await this.requireLevel(
      principalScope(staff),
      input.accessLevelId ?? access.accessLevelId,
      'input.accessLevelId',
    );
    let expiresAt = access.expiresAt;
    if (input.expiresAt === '') expiresAt = null;
    else if (input.expiresAt) expiresAt = requireTimestamp('input.expiresAt', input.expiresAt);
    const event = createEvent({
      type: 'portico.access.updated.v1',
      service: 'customer',
      subject: id,
      tenantId: staff.tenantId,
      data: {
        accessId: id,
        customerId: access.customerId,
        accessLevelId: level._id,
        permissions: level.permissions,
        expiresAt: expiresAt?.toISOString() ?? null,
        updatedBy: staff.userId,
      },
    });
    const updated = await this.write(access, {
      $set: { accessLevelId: level._id, expiresAt },
      $push: { outbox: event },
    });
    // Cutting an expiry short must reach every verifier before we answer.
    await this.publishRevocations();
    return updated;
  }

  /**
   * After a level changed: every live access on it announces its new permissions (one
   * access.updated each, through its outbox), so the services' copies follow. Repeating it
   * is harmless, which is how a call cut short is repaired.
   */
  async reapplyLevel(staff: StaffPrincipal, level: AccessLevelRecord): Promise<void> {
    const accesses = await this.store.listTenantAccesses(
      principalScope(staff),
      { accessLevelId: level._id, status: { $ne: 'REVOKED' } },
      { invitedAt: 1, _id: 1 },
      0,
    );
    for (const access of accesses) {
      const event = createEvent({
        type: 'portico.access.updated.v1',
        service: 'customer',
        subject: access._id,
        tenantId: staff.tenantId,
        data: {
          accessId: access._id,
          customerId: access.customerId,
          accessLevelId: level._id,
          permissions: level.permissions,
          expiresAt: access.expiresAt?.toISOString() ?? null,
          updatedBy: staff.userId,
        },
      });
      await this.write(access, { $push: { outbox: event } });
    }
    await this.publishPending();
  }

  /** Staff revocation; effective on the contact's next request. Revoking twice changes nothing. */
  async revokeByStaff(staff: StaffPrincipal, id: string): Promise<PortalAccessRecord> {
    const access = await this.visibleToStaff(staff, id);
    if (access.status === 'REVOKED') return access;
    const revoked = await this.revoke(access, 'REVOKED', staff.userId);
    await this.publishRevocations();
    return revoked;
  }

  /** Revokes each of these accesses; resolves once every process refuses their tokens. */
  async revokeAll(
    accesses: PortalAccessRecord[],
    reason: RevokeReason,
    revokedBy: string,
  ): Promise<void> {
    for (const access of accesses) await this.revoke(access, reason, revokedBy);
    await this.publishRevocations();
  }

  /** Marks the access revoked with its event; the caller publishes. */
  async revoke(
    access: PortalAccessRecord,
    reason: RevokeReason,
    revokedBy: string,
  ): Promise<PortalAccessRecord> {
    if (access.status === 'REVOKED') return access;
    const revokedAt = new Date();
    const event = createEvent({
      type: 'portico.access.revoked.v1',
      service: 'customer',
      subject: access._id,
      tenantId: access.tenantId,
      data: {
        accessId: access._id,
        customerId: access.customerId,
        reason,
        revokedAt: revokedAt.toISOString(),
        revokedBy,
      },
    });
    return this.write(access, {
      // The email is free again for a new access (see PortalAccessRecord.emailKey).
      $set: { status: 'REVOKED', revokedAt, emailKey: `revoked:${access._id}` },
      $push: { outbox: event },
    });
  }

  /** A fresh invitation for an access not yet activated; identity voids the earlier one. */
  async resendInvitation(staff: StaffPrincipal, id: string): Promise<PortalAccessRecord> {
    const access = await this.visibleToStaff(staff, id);
    const status = accessStatus(access);
    if (status !== 'INVITED')
      throw conflict('id', `Only an invited access gets a new invitation; this one is ${status}`);
    const customer = await this.store.findCustomer(staffScope(staff), access.customerId);
    if (!customer) throw notFound('Customer');
    const level = await this.requireLevel(principalScope(staff), access.accessLevelId, 'id');
    const event = createEvent({
      type: 'portico.access.invitation-resent.v1',
      service: 'customer',
      subject: id,
      tenantId: staff.tenantId,
      data: { ...invitationSnapshot(access, customer, level), resentBy: staff.userId },
    });
    const updated = await this.write(access, {
      $set: { invitedAt: new Date() },
      $push: { outbox: event },
    });
    void this.publishPending();
    return updated;
  }

  /** The contact accepted the invitation (reported by identity). */
  async markActivated(
    tenant: TenantScope,
    data: EventData<'portico.identity.contact-activated.v1'>,
  ): Promise<void> {
    await this.store.activateAccess(tenant, data.accessId, data.userId, new Date(data.activatedAt));
  }

  async recordSignIn(tenant: TenantScope, accessId: string, at: Date): Promise<void> {
    await this.store.recordAccessSignIn(tenant, accessId, at);
  }

  /** The permissions of a contact's access while it is live; none once revoked or expired. */
  async livePermissions(contact: ContactPrincipal): Promise<Permission[]> {
    const access = await this.store.findAccess(principalScope(contact), contact.accessId);
    if (!access || access.customerId !== contact.customerId) return [];
    // INVITED too: a contact holding a token has accepted; the activation event may still be on its way.
    const status = accessStatus(access);
    if (status !== 'ACTIVE' && status !== 'INVITED') return [];
    const level = await this.store.findAccessLevel(principalScope(contact), access.accessLevelId);
    return level?.permissions ?? [];
  }

  async visibleToStaff(staff: StaffPrincipal, id: string): Promise<PortalAccessRecord> {
    const access = await this.store.findAccess(principalScope(staff), id);
    // Through its customer: a specialist sees the accesses of customers they administer.
    const customer =
      access && (await this.store.findCustomer(staffScope(staff), access.customerId));
    if (!access || !customer) throw notFound('Portal access');
    return access;
  }

  private async requireLevel(
    tenant: TenantScope,
    levelId: string,
    field: string,
  ): Promise<AccessLevelRecord> {
    const level = await this.store.findAccessLevel(tenant, levelId);
    if (!level) throw badInput(field, 'Unknown access level');
    return level;
  }

  private async write(
    access: PortalAccessRecord,
    update: UpdateQuery<PortalAccessRecord>,
  ): Promise<PortalAccessRecord> {
    const updated = await this.store.changeAccess(storedScope(access), access._id, update);
    if (!updated) throw notFound('Portal access');
    return updated;
  }
}

/** What identity needs to invite the contact, shared by grant and resend. */
function invitationSnapshot(
  access: Pick<
    PortalAccessRecord,
    '_id' | 'customerId' | 'email' | 'phone' | 'firstName' | 'lastName' | 'expiresAt'
  >,
  customer: CustomerRecord,
  level: AccessLevelRecord,
): Omit<EventData<'portico.access.granted.v1'>, 'grantedBy'> {
  return {
    accessId: access._id,
    customerId: access.customerId,
    customerName: customer.displayName,
    email: access.email,
    phone: access.phone,
    firstName: access.firstName,
    lastName: access.lastName,
    accessLevelId: level._id,
    permissions: level.permissions,
    expiresAt: access.expiresAt?.toISOString() ?? null,
  };
}

function futureTimestamp(field: string, value: string): Date {
  const date = requireTimestamp(field, value);
  if (date.getTime() <= Date.now()) throw badInput(field, 'Must lie in the future');
  return date;
}
