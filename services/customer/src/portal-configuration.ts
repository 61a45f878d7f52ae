import { randomUUID } from 'node:crypto';
import { principalScope, type StaffPrincipal } from '@portico/auth';
import { badInput, conflict, notFound } from '@portico/errors';
import {
  createEvent,
  DOCUMENT_TYPES,
  PERMISSIONS,
  type DocumentType,
  type Permission,
} from '@portico/events';
import { isDuplicateKeyError } from '@portico/mongo';
import { requireText } from '@portico/validation';
import type { AccessLevelRecord } from './model/access-level';
import type { PortalSettingsRecord } from './model/portal-settings';
import type { CustomerStore } from './store';

export interface AccessLevelInput {
  name: string;
  permissions: Permission[];
}

export interface PortalSettingsInput {
  enabledDocumentTypes?: DocumentType[] | null;
  portalAccessByDefault?: boolean | null;
  applyToExistingCustomers?: boolean | null;
  defaultAccessLevelId?: string | null;
  shareNewDocuments?: boolean | null;
}

type PortalSettings = Omit<PortalSettingsRecord, 'outbox'>;

function levelFieldsFrom(input: AccessLevelInput): AccessLevelInput {
  const name = requireText('input.name', input.name, 60);
  const permissions = [...new Set(input.permissions)];
  if (permissions.length === 0 || permissions.some((p) => !PERMISSIONS.includes(p)))
    throw badInput('input.permissions', 'Give at least one known permission');
  return { name, permissions };
}

/** A tenant's access levels and portal settings (OWNER/ADMIN change them). */
export class PortalConfiguration {
  constructor(
    private readonly store: CustomerStore,
    private readonly publishPending: () => Promise<void>,
  ) {}

  async createAccessLevel(
    staff: StaffPrincipal,
    input: AccessLevelInput,
  ): Promise<AccessLevelRecord> {
    const fields = levelFieldsFrom(input);
    try {
      return await this.store.createAccessLevel(principalScope(staff), {
        _id: randomUUID(),
        ...fields,
      });
    } catch (error) {
      if (isDuplicateKeyError(error))
        throw conflict('input.name', 'An access level with this name exists');
      throw error;
    }
  }

  /**
   * Renames a level or changes what it gives. The caller then re-announces the accesses on it
   * (PortalAccesses.reapplyLevel), so every service's copy of their permissions follows.
   */
  async updateAccessLevel(
    staff: StaffPrincipal,
    id: string,
    input: AccessLevelInput,
  ): Promise<AccessLevelRecord> {
    const fields = levelFieldsFrom(input);
    const level = await this.store.findAccessLevel(principalScope(staff), id);
    if (!level) throw notFound('Access level');
    try {
      await this.store.updateAccessLevel(principalScope(staff), id, fields);
    } catch (error) {
      if (isDuplicateKeyError(error))
        throw conflict('input.name', 'An access level with this name exists');
      throw error;
    }
    return { ...level, ...fields };
  }

  /**
   * Changes what is given. With applyToExistingCustomers, every customer's
   * portalEnabled follows portalAccessByDefault (one write per customer, so
   * each goes through its document lock).
   */
  async update(staff: StaffPrincipal, input: PortalSettingsInput): Promise<PortalSettings> {
    const current = await this.store.findPortalSettings(principalScope(staff));
    const next: PortalSettings = { ...current };
    if (input.enabledDocumentTypes) {
      if (input.enabledDocumentTypes.some((type) => !DOCUMENT_TYPES.includes(type)))
        throw badInput('input.enabledDocumentTypes', 'Unknown document type');
      next.enabledDocumentTypes = [...new Set(input.enabledDocumentTypes)];
    }
    if (input.portalAccessByDefault != null)
      next.portalAccessByDefault = input.portalAccessByDefault;
    if (input.shareNewDocuments != null) next.shareNewDocuments = input.shareNewDocuments;
    if (input.defaultAccessLevelId) {
      const level = await this.store.findAccessLevel(
        principalScope(staff),
        input.defaultAccessLevelId,
      );
      if (!level) throw badInput('input.defaultAccessLevelId', 'Unknown access level');
      next.defaultAccessLevelId = level._id;
    }
    const event = createEvent({
      type: 'portico.customer.portal-settings-changed.v1',
      service: 'customer',
      subject: staff.tenantId,
      tenantId: staff.tenantId,
      data: {
        enabledDocumentTypes: next.enabledDocumentTypes,
        portalAccessByDefault: next.portalAccessByDefault,
        defaultAccessLevelId: next.defaultAccessLevelId,
        shareNewDocuments: next.shareNewDocuments,
      },
    });
    await this.store.savePortalSettings(principalScope(staff), next, event);
    if (input.applyToExistingCustomers)
      await this.store.applyPortalDefault(principalScope(staff), next.portalAccessByDefault);
    void this.publishPending();
    return next;
  }
}
