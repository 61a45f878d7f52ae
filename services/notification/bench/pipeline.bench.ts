/**
 * `pnpm bench:pipeline`: issues BENCH_PIPELINE_DOCUMENTS (default 2,000)
 * drafts through the gateway at BENCH_PIPELINE_RATE per second (default 20),
 * each to a customer without contacts, so each makes exactly one email (at
 * the customer's billing address) with its PDF. Measures issue-to-email
 * latency, from the issueDocument request to the real SMTP server accepting
 * the message; prints p50/p99/max, lost and duplicate counts, database
 * commands and CPU per document. Issuing starts once the machine is idle
 * after creating the drafts. Asserts nothing.
 * BENCH_PIPELINE_PROFILE=1 writes CPU profiles of the document and
 * notification services to .cache/bench/profiles.
 * BENCH_PIPELINE_CAPACITY=4,8,12,16,20 then issues for 15 s at each of these
 * rates in turn and prints the capacity: the highest rate whose p99 stays
 * within 1 s (the steps stop at the first that does not).
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  cacheDir,
  eventually,
  graphqlData,
  registerOrganization,
  startProviders,
  metricTotal,
  scrapeMetrics,
  settle,
  startCpuCount,
  startTestPlatform,
  type MetricSample,
  type TestPlatform,
  percentile,
} from '@portico/local-infra';

const DOCUMENTS = Number(process.env.BENCH_PIPELINE_DOCUMENTS ?? 2_000);
const RATE = Number(process.env.BENCH_PIPELINE_RATE ?? 20);
const CUSTOMERS = 20;
const CAPACITY_RATES = process.env.BENCH_PIPELINE_CAPACITY?.split(',').map(Number) ?? [];
const CAPACITY_STEP_SECONDS = 15;
const CAPACITY_P99_MS = 1_000;
// How long after the last issue an email may still arrive before it counts as lost.
const GRACE_MS = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Every process's /metrics samples, by process name. */
async function scrape(running: TestPlatform): Promise<Map<string, MetricSample[]>> {
  const samples = new Map<string, MetricSample[]>();
  for (const { name, metricsPort } of running.platform.processes)
    samples.set(name, await scrapeMetrics(`http://127.0.0.1:${metricsPort}`));
  return samples;
}

/** Database commands each service has sent so far, by `service command collection`. */
function databaseCommands(metrics: Map<string, MetricSample[]>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [name, samples] of metrics)
    for (const { labels, value } of samples.filter((s) => s.name === 'mongo_commands_total'))
      counts.set(`${name} ${labels.command} ${labels.collection}`, value);
  return counts;
}

const TIMED = ['kafka_event_handling_seconds', 'pdf_render_duration_seconds'];

/** Mean time per event of each consumer group, and per PDF, over the whole run. */
function stageTimes(metrics: Map<string, MetricSample[]>): string {
  const lines: string[] = [];
  for (const [name, samples] of metrics)
    for (const sum of samples.filter((s) => TIMED.some((timed) => s.name === `${timed}_sum`))) {
      const { service: _service, ...labels } = sum.labels;
      const count = metricTotal(samples, sum.name.replace(/_sum$/, '_count'), sum.labels);
      const shown = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
      if (count > 0)
        lines.push(
          `  ${((sum.value / count) * 1000).toFixed(0).padStart(6)} ms × ${count}  ${name} ${sum.name.replace(/_sum$/, '')} ${shown.join(',')}`,
        );
    }
  return ['mean time per event handled, per PDF rendered:', ...lines].join('\n');
}

/** The commands sent between two counts, per issued document, most first. */
function commandsPerDocument(
  before: Map<string, number>,
  after: Map<string, number>,
  documents: number,
): string {
  const rows = [...after]
    .map(([key, count]) => [key, (count - (before.get(key) ?? 0)) / documents] as const)
    .filter(([, perDocument]) => perDocument >= 0.05)
    .sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((sum, [, perDocument]) => sum + perDocument, 0);
  return [
    `database commands per issued document: ${total.toFixed(1)}`,
    ...rows.map(([key, perDocument]) => `  ${perDocument.toFixed(2).padStart(6)}  ${key}`),
  ].join('\n');
}

/** The machine's CPU time per issued document, by role, most first. */
function cpuPerDocument(cpu: Map<string, number>, documents: number): string {
  const rows = [...cpu].sort((a, b) => b[1] - a[1]).filter(([, ms]) => ms / documents >= 0.05);
  const total = rows.reduce((sum, [, ms]) => sum + ms, 0);
  return [
    `CPU per issued document: ${(total / documents).toFixed(1)} ms`,
    ...rows.map(([role, ms]) => `  ${(ms / documents).toFixed(1).padStart(6)} ms  ${role}`),
  ].join('\n');
}

async function main(): Promise<void> {
  const providers = await startProviders('test');
  Object.assign(process.env, providers.env);
  // BENCH_PIPELINE_PROFILE=1: CPU profiles of the document and notification services.
  const profile = ['--cpu-prof', `--cpu-prof-dir=${join(cacheDir, 'bench/profiles')}`];
  const running = await startTestPlatform('bench-pipeline', 4900, {
    nodeArgs: process.env.BENCH_PIPELINE_PROFILE
      ? { document: profile, notification: profile }
      : {},
    // The subject and the time of acceptance are all this needs from each message.
    mailbox: { headersOnly: true },
  });
  try {
    const gateway = running.platform.gatewayUrl;
    const org = `bench-pipe-${randomUUID().slice(0, 6)}`;
    const { accessToken: token } = await registerOrganization(gateway, org);
    const ask = <T>(query: string, variables: Record<string, unknown>) =>
      graphqlData<T>(gateway, query, variables, { token });

    const customers: string[] = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      const { createCustomer } = await ask<{ createCustomer: { id: string } }>(
        'mutation($n: String!, $e: String!) { createCustomer(input: { type: COMPANY, companyName: $n, email: $e }) { id } }',
        { n: `Pipeline Customer ${i}`, e: `ap${i}@${org}.example` },
      );
      customers.push(createCustomer.id);
    }
    const draft = (customerId: string) =>
      ask<{ createDocument: { id: string } }>(
        'mutation($input: DocumentInput!) { createDocument(input: $input) { id } }',
        {
          input: {
            customerId,
            type: 'INVOICE',
            currency: 'EUR',
            lines: Array.from({ length: 5 }, (_, n) => ({
              description: `Service ${n + 1}`,
              quantity: '1',
              unitPrice: '100.00',
              taxRate: '19',
            })),
          },
        },
      );
    // The document service learns of customers from their events.
    for (const customerId of customers) await eventually(() => draft(customerId).then(() => true));

    /** `count` drafts spread over the customers, four requests at a time. */
    const createDrafts = async (count: number): Promise<string[]> => {
      const drafts: string[] = [];
      const draftsStarted = performance.now();
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (drafts.length < count) {
            const index = drafts.push('') - 1;
            drafts[index] = (await draft(customers[index % CUSTOMERS]!)).createDocument.id;
          }
        }),
      );
      console.log(
        `${count} drafts created in ${((performance.now() - draftsStarted) / 1000).toFixed(1)} s`,
      );
      // The drafts' events are still being handled for a while; issuing must not pay for them.
      await settle();
      return drafts;
    };

    /** Issues at a steady rate: request i starts at i / rate seconds, whatever the answers do. */
    const issueAtRate = async (drafts: string[], rate: number) => {
      const issuedAt = new Map<string, number>(); // number -> epoch ms of the request
      const started = Date.now();
      let failures = 0;
      const failureKinds = new Map<string, number>();
      const issueTimes: number[] = [];
      await Promise.all(
        drafts.map(async (id, i) => {
          await sleep(started + (i * 1000) / rate - Date.now());
          const requested = Date.now();
          try {
            const { issueDocument } = await ask<{ issueDocument: { number: string } }>(
              'mutation($id: ID!) { issueDocument(id: $id) { number } }',
              { id },
            );
            issuedAt.set(issueDocument.number, requested);
            issueTimes.push(Date.now() - requested);
          } catch (error) {
            failures++;
            const kind = String(error).slice(0, 160);
            failureKinds.set(kind, (failureKinds.get(kind) ?? 0) + 1);
          }
        }),
      );
      const issuing = (Date.now() - started) / 1000;
      console.log(
        `issued ${issuedAt.size} in ${issuing.toFixed(1)} s (${(issuedAt.size / issuing).toFixed(1)}/s), ${failures} failed; ` +
          `issueDocument p50 ${percentile(
            issueTimes.sort((a, b) => a - b),
            50,
          )} ms, p99 ${percentile(issueTimes, 99)} ms`,
      );
      for (const [kind, count] of failureKinds) console.log(`  ${count} × ${kind}`);
      return { issuedAt, started };
    };

    /** The emails of the issued documents, waited for up to GRACE_MS after the last issue. */
    const awaitEmails = async (issuedAt: Map<string, number>) => {
      const deadline = Date.now() + GRACE_MS;
      const expected = new Set([...issuedAt.keys()].map((number) => `Invoice ${number}`));
      const received = () =>
        running.mailbox.messages.filter((mail) => expected.has(mail.subject ?? ''));
      while (new Set(received().map((mail) => mail.subject)).size < expected.size) {
        if (Date.now() > deadline) break;
        await sleep(200);
      }
      return { expected, received };
    };

    /** Issue-to-email times, first emails only, ascending. */
    const latenciesOf = (
      mails: TestPlatform['mailbox']['messages'],
      issuedAt: Map<string, number>,
    ) => {
      const firstOnly = new Map(mails.reverse().map((mail) => [mail.subject!, mail]));
      return [...firstOnly]
        .map(
          ([subject, mail]) =>
            running.mailbox.acceptedAt(mail)! - issuedAt.get(subject.slice('Invoice '.length))!,
        )
        .sort((a, b) => a - b);
    };

    const drafts = await createDrafts(DOCUMENTS);
    const commandsBefore = databaseCommands(await scrape(running));
    const cpuSpent = startCpuCount();
    const { issuedAt, started } = await issueAtRate(drafts, RATE);
    const { expected, received } = await awaitEmails(issuedAt);
    const cpu = cpuSpent(); // up to the last email, before the wait for late duplicates
    await sleep(2_000); // late duplicates would show here
    const metrics = await scrape(running);
    console.log(commandsPerDocument(commandsBefore, databaseCommands(metrics), issuedAt.size));
    console.log(stageTimes(metrics));
    console.log(cpuPerDocument(cpu, issuedAt.size));
    const mails = received();
    const latencies: number[] = [];
    const byWindow = new Map<number, number[]>(); // 10 s window of the run it was issued in -> latencies
    const seen = new Set<string>();
    let duplicates = 0;
    for (const mail of mails) {
      const subject = mail.subject!;
      if (seen.has(subject)) {
        duplicates++;
        continue;
      }
      seen.add(subject);
      const number = subject.slice('Invoice '.length);
      const latency = running.mailbox.acceptedAt(mail)! - issuedAt.get(number)!;
      latencies.push(latency);
      const window = Math.floor((issuedAt.get(number)! - started) / 10_000);
      byWindow.set(window, [...(byWindow.get(window) ?? []), latency]);
    }
    // Latency over the run tells a periodic cause (a sweep, a browser restart) or a cold start from load.
    console.log(
      'issue-to-email by 10 s of issuing, p50/max ms: ' +
        [...byWindow]
          .sort((a, b) => a[0] - b[0])
          .map(([window, times]) => {
            const sortedTimes = times.sort((a, b) => a - b);
            return `${window * 10}s ${percentile(sortedTimes, 50)}/${sortedTimes.at(-1)}`;
          })
          .join(', '),
    );
    const sorted = latencies.sort((a, b) => a - b);
    console.log(
      `issue-to-email at ${RATE}/s: p50 ${percentile(sorted, 50)} ms, p99 ${percentile(sorted, 99)} ms, ` +
        `max ${sorted.at(-1)} ms; received ${seen.size} of ${expected.size}, ` +
        `lost ${expected.size - seen.size}, duplicates ${duplicates}`,
    );

    // The capacity: fresh drafts at each rate in turn, until p99 passes CAPACITY_P99_MS.
    let capacity = 0;
    for (const rate of CAPACITY_RATES) {
      const step = await issueAtRate(await createDrafts(rate * CAPACITY_STEP_SECONDS), rate);
      const emails = await awaitEmails(step.issuedAt);
      const times = latenciesOf(emails.received(), step.issuedAt);
      const lost = emails.expected.size - times.length;
      console.log(
        `  at ${rate}/s: p50 ${percentile(times, 50)} ms, p99 ${percentile(times, 99)} ms, ${lost} lost`,
      );
      if (lost > 0 || percentile(times, 99) > CAPACITY_P99_MS) break;
      capacity = rate;
    }
    if (CAPACITY_RATES.length > 0)
      console.log(
        `capacity: ${capacity} documents/s with p99 issue-to-email within ${CAPACITY_P99_MS} ms ` +
          `(of the rates ${CAPACITY_RATES.join(', ')}/s, ${CAPACITY_STEP_SECONDS} s each)`,
      );
  } finally {
    await running.stop();
    await providers.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
