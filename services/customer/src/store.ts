import type { Connection } from 'mongoose';
import { nextSequence } from '@portico/mongo';
import { accessLevelModel } from './model/access-level';
import { customerModel, type CustomerRecord } from './model/customer';

const WITHOUT_OUTBOX = { outbox: 0 } as const;

/** The customer service's collections; every read takes the tenant id. */
export class CustomerStore {
  readonly customers;
  readonly accessLevels;

  constructor(private readonly connection: Connection) {
    this.customers = customerModel(connection);
    this.accessLevels = accessLevelModel(connection);
  }

  findCustomer(tenantId: string, customerId: string): Promise<CustomerRecord | null> {
    return this.customers.findOne({ _id: customerId, tenantId }, WITHOUT_OUTBOX).lean().exec();
  }

  listCustomers(tenantId: string, filter: object, sort: Record<string, 1 | -1>, limit: number) {
    return this.customers
      .find({ $and: [{ tenantId }, filter] }, WITHOUT_OUTBOX)
      .sort(sort)
      .limit(limit)
      .lean()
      .exec();
  }

  countCustomers(tenantId: string, filter: object): Promise<number> {
    return this.customers.countDocuments({ $and: [{ tenantId }, filter] });
  }

  /** Generated customer numbers: C-00001, C-00002, ... per tenant. */
  async nextCustomerNumber(tenantId: string): Promise<string> {
    return `C-${String(await nextSequence(this.connection, `${tenantId}:customer-number`)).padStart(5, '0')}`;
  }
}
