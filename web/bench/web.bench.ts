/**
 * pnpm bench:web: what the portal costs a contact, on a test platform on this machine.
 *  - JavaScript a browser downloads to show /sign-in (gzip, as served over the wire by a CDN or
 *    proxy; goal < 150 KB);
 *  - from clicking Sign in to the documents table visible, p50/p95 over 20 runs (goal p95 < 1 s),
 *    for a customer with a handful of documents and for one with 1,000.
 * Needs the built portal (pnpm build:web). BENCH_WEB_RUNS changes the run count.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import {
  graphqlData,
  grantAndJoin,
  issueInvoice,
  percentile,
  registerOrganization,
  startProviders,
  startTestPlatform,
  TEST_PASSWORD,
} from '@portico/local-infra';

const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 20);
const LARGE = Number(process.env.BENCH_WEB_DOCUMENTS ?? 1000);
const DIST = join(__dirname, '../dist');

/** Gzip bytes of each script the page loads before it can sign in (from index.html and the sign-in route). */
async function firstLoadJs(browser: Browser, origin: string) {
  const page = await browser.newPage();
  const scripts = new Set<string>();
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.pathname.endsWith('.js')) scripts.add(url.pathname);
  });
  await page.goto(`${origin}/sign-in`, { waitUntil: 'networkidle' });
  await page.close();
  let raw = 0;
  let gzip = 0;
  for (const path of scripts) {
    const bytes = await readFile(join(DIST, path));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: scripts.size, raw, gzip };
}

async function signInTimes(browser: Browser, origin: string, email: string) {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/sign-in`);
    await page.getByRole('textbox', { name: 'Email' }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    const started = performance.now();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('table').getByRole('row').nth(1).waitFor();
    times.push(performance.now() - started);
    await context.close();
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function main() {
  const providers = await startProviders('test');
  Object.assign(process.env, providers.env);
  const running = await startTestPlatform('bench-web', 5650);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  try {
    const gateway = running.platform.gatewayUrl;
    const origin = new URL(gateway).origin;
    const slug = `bench-web-${Date.now().toString(36)}`;
    const owner = await registerOrganization(gateway, slug);
    const staff = <T>(query: string, variables: Record<string, unknown>) =>
      graphqlData<T>(gateway, query, variables, { token: owner.accessToken });
    const customerWith = async (documents: number, name: string) => {
      const { createCustomer } = await staff<{ createCustomer: { id: string } }>(
        'mutation($input: CustomerInput!) { createCustomer(input: $input) { id } }',
        { input: { type: 'COMPANY', companyName: name } },
      );
      for (let i = 0; i < documents; i++)
        await issueInvoice(gateway, owner.accessToken, createCustomer.id, {
          type: i % 7 === 0 ? 'ESTIMATE' : 'INVOICE',
          currency: i % 5 === 0 ? 'USD' : 'EUR',
          lines: [
            { description: `Item ${i}`, quantity: '1', unitPrice: `${100 + i}.00`, taxRate: '19' },
          ],
        });
      const email = `contact-${name.toLowerCase()}@${slug}.example`;
      await grantAndJoin(running, owner.accessToken, slug, createCustomer.id, { email });
      return email;
    };
    const js = await firstLoadJs(browser, origin);
    const small = await signInTimes(browser, origin, await customerWith(6, 'Small'));
    const seedStarted = Date.now();
    const largeEmail = await customerWith(LARGE, 'Large');
    const seededIn = Date.now() - seedStarted;
    const large = await signInTimes(browser, origin, largeEmail);
    const kb = (bytes: number) => (bytes / 1024).toFixed(1);
    console.log(`
portal on this machine (${RUNS} runs each)
  first load of /sign-in    ${js.files} scripts, ${kb(js.gzip)} KB gzip (${kb(js.raw)} KB raw)   goal < 150 KB
  sign-in -> table, 6 docs      p50 ${small.p50.toFixed(0)} ms   p95 ${small.p95.toFixed(0)} ms   goal p95 < 1000 ms
  sign-in -> table, ${LARGE} docs  p50 ${large.p50.toFixed(0)} ms   p95 ${large.p95.toFixed(0)} ms   (seeded in ${(seededIn / 1000).toFixed(0)} s)`);
  } finally {
    await browser.close();
    await running.stop();
    await providers.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
