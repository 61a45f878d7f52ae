import { randomUUID } from 'node:crypto';
import {
  type ContactPrincipal,
  principalScope,
  type StaffPrincipal,
  storedScope,
} from '@portico/auth';
import { badInput, conflict, forbidden, notFound } from '@portico/errors';
import { createEvent, type EventData } from '@portico/events';
import { isDuplicateKeyError } from '@portico/mongo';
import {
  customerFieldsFrom,
  customerNumberFrom,
  selfServiceFieldsFrom,
  type CustomerInput,
  type CustomerSelfServiceInput,
} from './customer-input';
import { customerScope, staffScope } from './customer-scope';
import type { CustomerData, CustomerRecord } from './model/customer';
import type { PortalAccesses } from './portal-accesses';
import type { CustomerStore } from './store';

// A generated number can meet one given by hand; then the next is tried.
const GENERATED_NUMBER_ATTEMPTS = 5;
const MAX_ADMINISTRATORS = 50;

/** Creating, editing and deleting customers; each change is one write with its event. */
export class CustomerChanges {
  constructor(
    private readonly store: CustomerStore,
    private readonly accesses: PortalAccesses,
    private readonly publishPending: () => Promise<void>,
  ) {}

  async create(staff: StaffPrincipal, input: CustomerInput): Promise<CustomerRecord> {
    const fields = customerFieldsFrom(input);
    const given = input.number?.trim() ? customerNumberFrom(input.number) : null;
    const settings = await this.store.findPortalSettings(principalScope(staff));
    const _id = randomUUID();
    // A specialist administers what they create, or could not see it afterwards.
    const administratorIds = staff.role === 'SPECIALIST' ? [staff.userId] : [];
    for (let attempt = 1; ; attempt++) {
      const number = given ?? (await this.store.nextCustomerNumber(principalScope(staff)));
      const event = createEvent({
        type: 'portico.customer.created.v1',
        service: 'customer',
        subject: _id,
        tenantId: staff.tenantId,
        data: {
          customerId: _id,
          number,
          type: fields.type,
          displayName: fields.displayName,
          email: fields.email,
          address: fields.address,
          taxId: fields.taxId,
          vatId: fields.vatId,
          administratorIds,
          createdBy: staff.userId,
        },
      });
      try {
        const created = await this.store.createCustomer(principalScope(staff), {
          _id,
          number,
          ...fields,
          portalEnabled: settings.portalAccessByDefault,
          administratorIds,
          createdBy: staff.userId,
          outbox: [event],
        });
        void this.publishPending();
        return created;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        if (given) throw conflict('input.number', `Customer number ${given} is taken`);
        if (attempt >= GENERATED_NUMBER_ATTEMPTS) throw error;
      }
    }
  }

  /** Replaces the customer's data; the number changes only when one is given. */
  async update(staff: StaffPrincipal, id: string, input: CustomerInput): Promise<CustomerRecord> {
    const customer = await this.visibleToStaff(staff, id);
    const fields: Partial<CustomerRecord> = customerFieldsFrom(input);
    if (input.number?.trim()) fields.number = customerNumberFrom(input.number);
    try {
      return await this.change(customer, fields, { kind: 'STAFF', userId: staff.userId });
    } catch (error) {
      if (isDuplicateKeyError(error))
        throw conflict('input.number', `Customer number ${fields.number} is taken`);
      throw error;
    }
  }

  /** Self-service: contact data, address, bank account and tax ids, with EDIT_CUSTOMER_DATA. */
  async updateByContact(
    contact: ContactPrincipal,
    input: CustomerSelfServiceInput,
  ): Promise<CustomerRecord> {
    const permissions = await this.accesses.livePermissions(contact);
    if (!permissions.includes('EDIT_CUSTOMER_DATA'))
      throw forbidden('Your access does not include editing the customer data');
    const customer = await this.store.findCustomer(customerScope(contact), contact.customerId);
    if (!customer) throw notFound('Customer');
    const fields = selfServiceFieldsFrom(input);
    // Documents may go to the billing email: only staff choose where they go.
    if (fields.email !== undefined && fields.email !== customer.email)
      throw badInput('input.email', 'The billing email is changed by staff; ask them to change it');
    delete fields.email;
    return this.change(customer, fields, {
      kind: 'CONTACT',
      userId: contact.userId,
    });
  }

  /** OWNER/ADMIN: the staff users who administer the customer (all must be staff of the tenant). */
  async setAdministrators(
    staff: StaffPrincipal,
    customerId: string,
    userIds: string[],
  ): Promise<CustomerRecord> {
    const customer = await this.visibleToStaff(staff, customerId);
    const unique = [...new Set(userIds)];
    if (unique.length > MAX_ADMINISTRATORS)
      throw badInput('userIds', `At most ${MAX_ADMINISTRATORS} administrators`);
    const known = await this.store.knownStaffIds(principalScope(staff), unique);
    if (known.length !== unique.length) throw badInput('userIds', 'Not a staff user of yours');
    return this.change(
      customer,
      { administratorIds: unique },
      { kind: 'STAFF', userId: staff.userId },
    );
  }

  /**
   * OWNER/ADMIN, permanently. Revokes the accesses and publishes that first
   * (their tokens stop working now), then marks the customer deleted with the
   * event that makes every service erase its part, this one included
   * (events/erasure-consumer.ts). Repeating it after a crash resumes.
   */
  async delete(staff: StaffPrincipal, customerId: string): Promise<void> {
    const customer = await this.visibleToStaff(staff, customerId);
    const accesses = await this.store.listAccesses(principalScope(staff), customerId);
    await this.accesses.revokeAll(accesses, 'CUSTOMER_DELETED', staff.userId);
    const event = createEvent({
      type: 'portico.customer.deleted.v1',
      service: 'customer',
      subject: customerId,
      tenantId: staff.tenantId,
      data: {
        customerId,
        accessIds: accesses.map((access) => access._id),
        deletedBy: staff.userId,
      },
    });
    await this.store.markCustomerDeleted(principalScope(staff), customer._id, event);
    await this.publishPending();
  }

  private async visibleToStaff(staff: StaffPrincipal, id: string): Promise<CustomerRecord> {
    const customer = await this.store.findCustomer(staffScope(staff), id);
    if (!customer) throw notFound('Customer');
    return customer;
  }

  /** One write: the changed fields and a customer.updated event naming them. */
  private async change(
    customer: CustomerRecord,
    fields: Partial<CustomerRecord>,
    updatedBy: EventData<'portico.customer.updated.v1'>['updatedBy'],
  ): Promise<CustomerRecord> {
    const changedFields = Object.keys(fields).filter(
      (key) =>
        JSON.stringify(fields[key as keyof CustomerData]) !==
        JSON.stringify(customer[key as keyof CustomerData]),
    );
    if (changedFields.length === 0) return customer;
    const next = { ...customer, ...fields };
    const event = createEvent({
      type: 'portico.customer.updated.v1',
      service: 'customer',
      subject: customer._id,
      tenantId: customer.tenantId,
      data: {
        customerId: customer._id,
        number: next.number,
        displayName: next.displayName,
        email: next.email,
        address: next.address,
        taxId: next.taxId,
        vatId: next.vatId,
        administratorIds: next.administratorIds,
        changedFields,
        updatedBy,
      },
    });
    const updated = await this.store.changeCustomer(storedScope(customer), customer._id, {
      $set: { ...fields, updatedAt: new Date() },
      $push: { outbox: event },
    });
    if (!updated) throw notFound('Customer');
    void this.publishPending();
    return updated;
  }
}
