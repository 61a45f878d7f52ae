import { Query } from 'mingo';
import type { StaffRole } from '@portico/auth';
import type { Connection } from 'mongoose';
import { nextSequence } from '@portico/mongo';
import { lockDocument } from '@portico/outbox';
import {
  accessLevelModel,
  DEFAULT_ACCESS_LEVELS,
  type AccessLevelRecord,
} from './model/access-level';
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

  /**
   * A customer matching `scope` (see customer-scope.ts), not being deleted.
   * Read by `{ _id }` alone, then the scope tested here: FerretDB serves only
   * that exact filter from its primary key and reads the whole collection for
   * any other (measured at 12 vs 85 ms on 10,000 documents).
   */
  async findCustomer(scope: object, customerId: string): Promise<CustomerRecord | null> {
    const customer = await this.customers
      .findOne({ _id: customerId }, WITHOUT_OUTBOX)
      .lean()
      .exec();
    if (!customer || customer.deletedAt) return null;
    return new Query(scope).test(customer as never) ? customer : null;
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

  // By `{ _id }` alone, then the tenant checked here: see findCustomer.
  async findAccess(tenantId: string, accessId: string): Promise<PortalAccessRecord | null> {
    const access = await this.accesses.findOne({ _id: accessId }, WITHOUT_OUTBOX).lean().exec();
    return access?.tenantId === tenantId ? access : null;
  }

  listAccesses(tenantId: string, customerId: string): Promise<PortalAccessRecord[]> {
    return this.accesses
      .find({ tenantId, customerId }, WITHOUT_OUTBOX)
      .sort({ invitedAt: 1 })
      .lean()
      .exec();
  }

  /** Accesses of the tenant across customers (a page of them): `filter` narrows, newest first. */
  listTenantAccesses(
    tenantId: string,
    filter: object,
    sort: Record<string, 1 | -1>,
    limit: number,
  ) {
    return this.accesses
      .find({ $and: [{ tenantId }, filter] }, WITHOUT_OUTBOX)
      .sort(sort)
      .limit(limit)
      .lean()
      .exec();
  }

  countTenantAccesses(tenantId: string, filter: object): Promise<number> {
    return this.accesses.countDocuments({ $and: [{ tenantId }, filter] });
  }

  /** The ids of the customers in `scope` (a SPECIALIST's, for what hangs off them). */
  async customerIds(scope: object): Promise<string[]> {
    const rows = await this.customers
      .find({ $and: [scope, { deletedAt: null }] }, { _id: 1 })
      .lean()
      .exec();
    return rows.map((row) => row._id);
  }

  async findAccessLevel(tenantId: string, levelId: string): Promise<AccessLevelRecord | null> {
    const level = await this.accessLevels.findOne({ _id: levelId }).lean().exec();
    return level?.tenantId === tenantId ? level : null;
  }

  async findPortalSettings(tenantId: string): Promise<Omit<PortalSettingsRecord, 'outbox'>> {
    const stored = await this.portalSettings.findOne({ _id: tenantId }, WITHOUT_OUTBOX).lean();
    return stored ?? defaultPortalSettings(tenantId);
  }

  /** Generated customer numbers: C-00001, C-00002, ... per tenant. */
  /** A staff user of the tenant, with the role identity reported (administrators are checked against these). */
  async recordStaffMember(tenantId: string, userId: string, role: StaffRole): Promise<void> {
    await this.staffMembers.updateOne(
      { _id: userId },
      { $set: { tenantId, role } },
      { upsert: true },
    );
  }

  /** A new tenant's access levels, by fixed ids: levels it has already stay as they are. */
  async seedAccessLevels(tenantId: string): Promise<void> {
    await this.accessLevels.bulkWrite(
      DEFAULT_ACCESS_LEVELS.map((level) => ({
        updateOne: {
          filter: { _id: `${tenantId}:${level.key}`, tenantId },
          update: { $setOnInsert: { name: level.name, permissions: level.permissions } },
          upsert: true,
        },
      })),
    );
  }

  /** Erases a customer marked deleted: its accesses, then the customer itself. */
  async eraseCustomer(tenantId: string, customerId: string): Promise<void> {
    await this.accesses.deleteMany({ tenantId, customerId });
    await lockDocument(this.customers, customerId, () =>
      this.customers.deleteOne({ _id: customerId, tenantId, deletedAt: { $ne: null } }),
    );
  }

  async nextCustomerNumber(tenantId: string): Promise<string> {
    return `C-${String(await nextSequence(this.connection, `${tenantId}:customer-number`)).padStart(5, '0')}`;
  }
}
