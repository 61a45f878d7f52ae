/**
 * The data `bench:load` runs on: tenants, customers and contacts made through
 * the gateway as users make them (so every service's copy is its own), and
 * documents of every type, currency and payment state, with payments and
 * comments, inserted straight into the document service's database (issuing
 * 200,000 through the pipeline would take hours).
 */
import { randomUUID } from 'node:crypto';
import {
  grantAndJoin,
  graphqlData,
  registerOrganization,
  type TestPlatform,
} from '@portico/local-infra';
import {
  seedDocuments,
  tenantOf,
  withDocumentDatabase,
} from '../../services/document/bench/seed-documents';

export interface WorldSize {
  tenants: number;
  customers: number;
  contacts: number;
  documents: number;
}

export interface Contact {
  token: string;
  customerId: string;
  /** Shared with the contact's customer; for comments and detail views. */
  documents: string[];
  /** This customer's estimates nobody has answered yet; each answer takes one. */
  openEstimates: string[];
}

export interface Staff {
  token: string;
  /** Customers' names, searched for in part. */
  customerNames: string[];
  documents: string[];
  /** Unpaid bills of the tenant; each payment pays a cent of one. */
  unpaid: string[];
}

export interface World {
  contacts: Contact[];
  staff: Staff[];
}

/** Runs `work` on every item, at most `limit` at a time. */
async function eachAtMost<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

const share = (total: number, parts: number, part: number) =>
  Math.floor((total * (part + 1)) / parts) - Math.floor((total * part) / parts);

/** One tenant: its owner, customers (made by the owner), contacts (invited, joined) and documents. */
async function seedTenant(
  running: TestPlatform,
  run: string,
  index: number,
  size: { customers: number; contacts: number; documents: number },
): Promise<{ contacts: Contact[]; staff: Staff }> {
  const gateway = running.platform.gatewayUrl;
  const organization = `load-${run}-${index}`;
  const owner = await registerOrganization(gateway, organization);
  const customers: { id: string; name: string }[] = [];
  await eachAtMost(
    Array.from({ length: size.customers }, (_, i) => i),
    8,
    async (i) => {
      const name = `${['Nordwind', 'Alpen', 'Hafen', 'Sonnen', 'Rhein'][i % 5]} ${i} GmbH`;
      const { createCustomer } = await graphqlData<{ createCustomer: { id: string } }>(
        gateway,
        'mutation($input: CustomerInput!) { createCustomer(input: $input) { id } }',
        {
          input: {
            type: 'COMPANY',
            companyName: name,
            email: `billing${i}@${organization}.example`,
          },
        },
        { token: owner.accessToken },
      );
      customers.push({ id: createCustomer.id, name });
    },
  );
  const joined: { token: string; customerId: string }[] = [];
  // Identity hashes every new password: with more joins at once than this, on two cores, some
  // outlast the gateway's 10 s subgraph timeout.
  await eachAtMost(
    Array.from({ length: size.contacts }, (_, i) => i),
    6,
    async (i) => {
      const customerId = customers[i % customers.length]!.id;
      const { contact } = await grantAndJoin(running, owner.accessToken, organization, customerId, {
        email: `contact${i}@${organization}.example`,
      });
      joined.push({ token: contact.accessToken, customerId });
    },
  );
  const seeded = await withDocumentDatabase((connection) =>
    seedDocuments(connection, {
      tenantId: tenantOf(owner.accessToken),
      customers: customers.map((customer) => customer.id),
      createdBy: owner.user.id,
      count: size.documents,
      everyType: true,
    }),
  );
  return {
    contacts: joined.map(({ token, customerId }) => {
      const { documents, openEstimates } = seeded.get(customerId)!;
      // Contacts of one customer share its estimates: each takes its own, so none is answered twice.
      const peers = joined.filter((other) => other.customerId === customerId);
      const mine = peers.findIndex((other) => other.token === token);
      return {
        token,
        customerId,
        documents,
        openEstimates: openEstimates.filter((_, i) => i % peers.length === mine),
      };
    }),
    staff: {
      token: owner.accessToken,
      customerNames: customers.map((customer) => customer.name),
      documents: [...seeded.values()].flatMap((customer) => customer.documents.slice(0, 2)),
      unpaid: [...seeded.values()].flatMap((customer) => customer.unpaid),
    },
  };
}

/** Seeds the world, tenant by tenant; prints how long each part took. */
export async function seedWorld(running: TestPlatform, size: WorldSize): Promise<World> {
  const run = randomUUID().slice(0, 6);
  const started = performance.now();
  const world: World = { contacts: [], staff: [] };
  for (let index = 0; index < size.tenants; index++) {
    const tenant = await seedTenant(running, run, index, {
      customers: share(size.customers, size.tenants, index),
      contacts: share(size.contacts, size.tenants, index),
      documents: share(size.documents, size.tenants, index),
    });
    world.contacts.push(...tenant.contacts);
    world.staff.push(tenant.staff);
    console.log(
      `tenant ${index + 1}/${size.tenants} seeded (${((performance.now() - started) / 1000).toFixed(0)} s)`,
    );
  }
  return world;
}
