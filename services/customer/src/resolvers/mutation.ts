import { randomUUID } from 'node:crypto';
import { requireStaff } from '@portico/auth';
import { conflict } from '@portico/errors';
import { createEvent } from '@portico/events';
import { isDuplicateKeyError } from '@portico/mongo';
import type { CustomerContext } from '../context';
import { customerFieldsFrom, customerNumberFrom, type CustomerInput } from '../customer-input';

// A generated number can meet one given by hand; then the next is tried.
const GENERATED_NUMBER_ATTEMPTS = 5;

export function mutationResolvers(publishPending: () => void) {
  return {
    async createCustomer(
      _: unknown,
      { input }: { input: CustomerInput },
      { auth, store }: CustomerContext,
    ) {
      const staff = requireStaff(auth);
      const fields = customerFieldsFrom(input);
      const given = input.number?.trim() ? customerNumberFrom(input.number) : null;
      const _id = randomUUID();
      for (let attempt = 1; ; attempt++) {
        const number = given ?? (await store.nextCustomerNumber(staff.tenantId));
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
            createdBy: staff.userId,
          },
        });
        try {
          const created = await store.customers.create({
            _id,
            tenantId: staff.tenantId,
            number,
            ...fields,
            createdBy: staff.userId,
            outbox: [event],
          });
          publishPending();
          return created.toObject();
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error;
          if (given) throw conflict('input.number', `Customer number ${given} is taken`);
          if (attempt >= GENERATED_NUMBER_ATTEMPTS) throw error;
        }
      }
    },
  };
}
