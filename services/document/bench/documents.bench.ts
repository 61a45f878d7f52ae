/**
 * `pnpm bench:documents`: one tenant with 100,000 documents over 1,000
 * customers on the local stack, through the gateway: a contact's first page;
 * staff lists across customers: the first read after start, a deep page
 * (unpaid, by due date), a search by a new number each time and a list
 * sorted another way each time with count and totals. Prints p50/p95/p99
 * latency, throughput and the explain plan of the contact's read. Asserts
 * nothing. BENCH_DOCUMENTS, BENCH_RUNS (contact queries) and BENCH_STAFF_RUNS
 * (staff queries) scale it. On FerretDB 1.24 (SQLite) every non-_id query
 * scans its collection: a contact's list reads their customer's shelf,
 * staff lists the tenant's ledger (src/tenant-ledger.ts).
 */
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { seedCustomers, seedDocuments, tenantOf } from './seed-documents';
import {
  grantAndJoin,
  graphqlData,
  graphqlRequest,
  registerOrganization,
  startProviders,
  startTestPlatform,
  percentile,
} from '@portico/local-infra';

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 100_000);
const CUSTOMERS = 1_000;
const CONTACT_RUNS = Number(process.env.BENCH_RUNS ?? 200);
const STAFF_RUNS = Number(process.env.BENCH_STAFF_RUNS ?? 100);
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 20_000);

async function measure(name: string, runs: number, run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(20, Math.ceil(runs / 5)); i++) await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  const sorted = times.sort((a, b) => a - b);
  const p99 = percentile(sorted, 99);
  const latency = `${name}: p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (n=${runs})`;
  if (percentile(sorted, 50) > 1_000) {
    console.log(`${latency}; throughput not measured (over a second per request)`);
    return p99;
  }
  // Throughput: four clients side by side for three seconds.
  let done = 0;
  const until = Date.now() + 3_000;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (Date.now() < until) {
        await run();
        done++;
      }
    }),
  );
  console.log(`${latency}; ${(done / 3).toFixed(0)} req/s with 4 clients`);
  return p99;
}

async function main(): Promise<void> {
  const providers = await startProviders('test');
  Object.assign(process.env, providers.env);
  const running = await startTestPlatform('bench-documents', 4600);
  const connection = await mongoose
    .createConnection(process.env.MONGO_URL!, { dbName: 'portico_document' })
    .asPromise();
  try {
    const gateway = running.platform.gatewayUrl;
    const org = `bench-docs-${randomUUID().slice(0, 6)}`;
    const owner = await registerOrganization(gateway, org);
    const tenantId = tenantOf(owner.accessToken);
    const { createCustomer } = await graphqlData<{ createCustomer: { id: string } }>(
      gateway,
      'mutation { createCustomer(input: { type: COMPANY, companyName: "Bench Customer" }) { id } }',
      {},
      { token: owner.accessToken },
    );
    const { contact } = await grantAndJoin(running, owner.accessToken, org, createCustomer.id, {
      email: `contact@${org}.example`,
    });

    await seedDocuments(connection, {
      tenantId,
      customers: [createCustomer.id, ...(await seedCustomers(connection, tenantId, CUSTOMERS - 1))],
      createdBy: owner.user.id,
      count: DOCUMENTS,
    });
    // A bulk load leaves SQLite checkpointing its write-ahead log for a while; measure after it.
    console.log(`settling for ${SETTLE_MS / 1000} s after the bulk load`);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

    const ask = (token: string, query: string, variables: Record<string, unknown> = {}) =>
      graphqlRequest(gateway, query, variables, { token }).then((result) => {
        if (result.errors) throw new Error(JSON.stringify(result.errors));
        return result;
      });
    const db = connection.db!;
    const FIELDS =
      'edges { node { id number issueDate dueDate grossTotal paidTotal balanceDue } } pageInfo { endCursor hasNextPage }';

    const contactFirst = `{ documents(first: 20) { ${FIELDS} } }`;
    const contactWithTotals = `{ documents(first: 20) { ${FIELDS} totalCount totals { currency grossTotal balanceDue } } }`;
    // A deep page: the 20,000th unpaid document by due date, reached by its cursor.
    const unpaid = { tenantId, paymentState: { $in: ['UNPAID'] } };
    const [deep] = await db
      .collection('documents')
      .find(unpaid)
      .sort({ dueDate: 1, _id: 1 })
      .skip(Math.floor(DOCUMENTS / 5))
      .limit(1)
      .toArray();
    const deepCursor = Buffer.from(JSON.stringify([deep!.dueDate, deep!._id])).toString(
      'base64url',
    );
    const staffDeep = `query($after: String) { documents(first: 20, after: $after, filter: { paymentStates: [UNPAID] }, sort: { field: DUE_DATE, direction: ASC }) { ${FIELDS} } }`;
    const staffSearch = `query($number: String) { documents(first: 20, filter: { numberContains: $number }) { ${FIELDS} } }`;
    const staffSorted = `query($sort: DocumentSort, $states: [PaymentState!]) { documents(first: 20, sort: $sort, filter: { paymentStates: $states }) { ${FIELDS} totalCount totals { currency grossTotal balanceDue } } }`;
    // Each staff search and sorted list asks something new: none is answered from kept matches.
    let asked = 0;
    const SORT_FIELDS = ['NUMBER', 'ISSUE_DATE', 'DUE_DATE', 'GROSS_TOTAL', 'BALANCE_DUE'];
    const STATES = [[], ['UNPAID'], ['OVERDUE'], ['PAID'], ['UNPAID', 'PARTIALLY_PAID']];
    const nextSorted = () => {
      const n = asked++;
      return {
        sort: { field: SORT_FIELDS[n % 5], direction: Math.floor(n / 5) % 2 ? 'DESC' : 'ASC' },
        states: STATES[Math.floor(n / 10) % 5],
      };
    };

    // The first staff list after start reads the tenant's whole ledger.
    const coldStarted = performance.now();
    await ask(owner.accessToken, staffSorted, nextSorted());
    console.log(`staff first list after start: ${(performance.now() - coldStarted).toFixed(0)} ms`);

    const results = [
      [
        'contact first page',
        await measure('contact first page', CONTACT_RUNS, () =>
          ask(contact.accessToken, contactFirst),
        ),
      ],
      [
        'contact first page with count and totals',
        await measure('contact first page with count and totals', CONTACT_RUNS, () =>
          ask(contact.accessToken, contactWithTotals),
        ),
      ],
      [
        'staff deep page (unpaid by due date)',
        await measure('staff deep page (unpaid by due date)', STAFF_RUNS, () =>
          ask(owner.accessToken, staffDeep, { after: deepCursor }),
        ),
      ],
      [
        'staff search by number, a new one each time',
        await measure('staff search by number, a new one each time', STAFF_RUNS, () =>
          ask(owner.accessToken, staffSearch, {
            number: `2025-0${String(asked++ % 1000).padStart(3, '0')}`,
          }),
        ),
      ],
      [
        'staff list sorted and filtered anew each time, with count and totals',
        await measure(
          'staff list sorted and filtered anew each time, with count and totals',
          STAFF_RUNS,
          () => ask(owner.accessToken, staffSorted, nextSorted()),
        ),
      ],
    ] as const;
    const slowest = [...results].sort((a, b) => b[1] - a[1])[0]!;
    console.log(`slowest: ${slowest[0]}`);
    const contactRead = {
      find: `shelf_${createCustomer.id}`,
      filter: { tenantId, customerId: createCustomer.id, shared: true, status: { $ne: 'DRAFT' } },
      sort: { createdAt: -1, _id: -1 },
    };
    const plan = await db.command({
      explain: { ...contactRead, limit: 21 },
      verbosity: 'queryPlanner',
    });
    console.log(
      `explain plan of "contact first page":\n${JSON.stringify(plan.queryPlanner ?? plan, null, 2).slice(0, 3000)}`,
    );
  } finally {
    await connection.close();
    await running.stop();
    await providers.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
