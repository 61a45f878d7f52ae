import type { Connection } from 'mongoose';
import { nextSequence } from '@portico/mongo';
import { accessLevelModel, type AccessLevelRecord } from './model/access-level';
import { customerModel, type CustomerRecord } from './model/customer';
import { portalAccessModel, type PortalAccessRecord } from './model/portal-access';
import {
  defaultPortalSettings,
  portalSettingsModel,
  type PortalSettingsRecord,
} from './model/portal-settings';
import { staffMemberModel } from './model/staff-member';

const WITHOUT_OUTBOX = { outbox: 0 } as const;

/** The customer service's collections; every read takes the tenant id. */
export class CustomerStore {
  readonly customers;
  readonly accesses;
  readonly accessLevels;
  readonly portalSettings;
  readonly staffMembers;

  constructor(private readonly connection: Connection) {
    this.customers = customerModel(connection);
    this.accesses = portalAccessModel(connection);
    this.accessLevels = accessLevelModel(connection);
    this.portalSettings = portalSettingsModel(connection);
    this.staffMembers = staffMemberModel(connection);
  }

  /** A customer matching `scope` (see customer-scope.ts), not being deleted. */
  findCustomer(scope: object, customerId: string): Promise<CustomerRecord | null> {
    return this.customers
      .findOne({ $and: [scope, { _id: customerId, deletedAt: null }] }, WITHOUT_OUTBOX)
      .lean()
      .exec();
  }

  listCustomers(scope: object, filter: object, sort: Record<string, 1 | -1>, limit: number) {
    return this.customers
      .find({ $and: [scope, { deletedAt: null }, filter] }, WITHOUT_OUTBOX)
      .sort(sort)
      .limit(limit)
      .lean()
      .exec();
  }

  countCustomers(scope: object, filter: object): Promise<number> {
    return this.customers.countDocuments({ $and: [scope, { deletedAt: null }, filter] });
  }

  findAccess(tenantId: string, accessId: string): Promise<PortalAccessRecord | null> {
    return this.accesses.findOne({ _id: accessId, tenantId }, WITHOUT_OUTBOX).lean().exec();
  }

  listAccesses(tenantId: string, customerId: string): Promise<PortalAccessRecord[]> {
    return this.accesses
      .find({ tenantId, customerId }, WITHOUT_OUTBOX)
      .sort({ invitedAt: 1 })
      .lean()
      .exec();
  }

  findAccessLevel(tenantId: string, levelId: string): Promise<AccessLevelRecord | null> {
    return this.accessLevels.findOne({ _id: levelId, tenantId }).lean().exec();
  }

  async findPortalSettings(tenantId: string): Promise<Omit<PortalSettingsRecord, 'outbox'>> {
    const stored = await this.portalSettings.findOne({ _id: tenantId }, WITHOUT_OUTBOX).lean();
    return stored ?? defaultPortalSettings(tenantId);
  }

  /** Generated customer numbers: C-00001, C-00002, ... per tenant. */
  async nextCustomerNumber(tenantId: string): Promise<string> {
    return `C-${String(await nextSequence(this.connection, `${tenantId}:customer-number`)).padStart(5, '0')}`;
  }
}
