/**
 * pnpm bench:web: what the portal costs a contact, on a test platform on this machine.
 *  - JavaScript a browser downloads to show /sign-in (gzip, as served over the wire by a CDN or
 *    proxy; goal < 150 KB);
 *  - from clicking Sign in to the documents table visible, p50/p95 over 20 runs (goal p95 < 1 s),
 *    for a customer with a handful of documents and for one with 1,000;
 *  - the staff area's JavaScript: what staff pages load beyond a contact's, and that a contact
 *    visiting every page of theirs loads none of it (goal: 0 staff scripts for contacts);
 *  - the staff documents list over 100,000 documents of 1,000 customers: the first list after
 *    sign-in, then from Apply filters (a new number each time) to the first page of matches
 *    visible, p50/p95 (goal p95 < 1 s).
 * Needs the built portal (pnpm build:web). BENCH_WEB_RUNS changes the run count,
 * BENCH_WEB_STAFF_DOCUMENTS the staff list's documents.
 */
import { readdir, readFile } from 'node:fs/promises';
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
import {
  seedCustomers,
  seedDocuments,
  tenantOf,
  withDocumentDatabase,
} from '../../services/document/bench/seed-documents';

const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 20);
const LARGE = Number(process.env.BENCH_WEB_DOCUMENTS ?? 1000);
const DIST = join(__dirname, '../dist');
const SEED_CONCURRENCY = 8;
const STAFF_DOCUMENTS = Number(process.env.BENCH_WEB_STAFF_DOCUMENTS ?? 100_000);

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

/** The scripts (paths) a signed-in visit to each of `paths` loads, from sign-in on. */
async function scriptsLoaded(browser: Browser, origin: string, email: string, paths: string[]) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts = new Set<string>();
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.pathname.endsWith('.js')) scripts.add(url.pathname);
  });
  await page.goto(`${origin}/sign-in`);
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Documents' }).waitFor();
  // Requests in flight: a page is done once none has been for a while (waitForLoadState
  // ('networkidle') answers at once after in-app navigation: the page was idle before it).
  let inFlight = 0;
  let lastChange = performance.now();
  const track = (delta: number) => () => {
    inFlight += delta;
    lastChange = performance.now();
  };
  page.on('request', track(1));
  page.on('requestfinished', track(-1));
  page.on('requestfailed', track(-1));
  for (const path of paths) {
    // In-app navigation, as a person clicks through (a reload would refetch every chunk).
    await page.evaluate((to) => {
      history.pushState(null, '', to);
      dispatchEvent(new PopStateEvent('popstate'));
    }, path);
    lastChange = performance.now();
    // Quiet for a second: past the branding preview's 400 ms pause and what it loads after.
    while (inFlight > 0 || performance.now() - lastChange < 1_000)
      await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await context.close();
  return scripts;
}

async function gzipSize(paths: Iterable<string>) {
  let gzip = 0;
  for (const path of paths) gzip += gzipSync(await readFile(join(DIST, path)), { level: 9 }).length;
  return gzip;
}

/**
 * From the click on Sign in to the first row of the table, over RUNS fresh browser contexts,
 * and when, on the way, the sign-in and the documents list were answered.
 */
async function signInTimes(browser: Browser, origin: string, email: string) {
  const total: number[] = [];
  const signedIn: number[] = [];
  const viewed: number[] = [];
  const listed: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/sign-in`);
    await page.getByRole('textbox', { name: 'Email' }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    const answered = new Map<string, number>();
    page.on('requestfinished', (request) => {
      const operation = /"operationName":"(\w+)"|(mutation|query) (\w+)/.exec(
        request.postData() ?? '',
      );
      const name = operation?.[1] ?? operation?.[3];
      if (name && !answered.has(name)) answered.set(name, performance.now());
    });
    // Measured in the page: from the click's event to the first row in the DOM.
    await page.evaluate(() => {
      const marks = window as unknown as { clickedAt?: number; tableAt?: Promise<number> };
      document.addEventListener('click', () => (marks.clickedAt ??= performance.now()), true);
      marks.tableAt = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (!document.querySelector('table tbody tr')) return;
          observer.disconnect();
          resolve(performance.now());
        });
        observer.observe(document, { subtree: true, childList: true });
      });
    });
    const started = performance.now();
    await page.getByRole('button', { name: 'Sign in' }).click();
    total.push(
      await page.evaluate(async () => {
        const marks = window as unknown as { clickedAt: number; tableAt: Promise<number> };
        return (await marks.tableAt) - marks.clickedAt;
      }),
    );
    await page.getByRole('table').getByRole('row').nth(1).waitFor();
    signedIn.push((answered.get('SignIn') ?? NaN) - started);
    viewed.push((answered.get('Viewer') ?? NaN) - started);
    listed.push((answered.get('DocumentList') ?? NaN) - started);
    await context.close();
  }
  const p = (times: number[]) => {
    // An operation that had not answered when the table showed does not count.
    const sorted = times.filter(Number.isFinite).sort((a, b) => a - b);
    return `p50 ${percentile(sorted, 50).toFixed(0)} ms   p95 ${percentile(sorted, 95).toFixed(0)} ms`;
  };
  return { total: p(total), signedIn: p(signedIn), viewed: p(viewed), listed: p(listed) };
}

/**
 * Staff on the documents list: the first list after sign-in, then RUNS filter changes (a number
 * search that matches), each timed in the page from the click on Apply filters to the first row
 * of the new matches in the DOM.
 */
async function filterChangeTimes(browser: Browser, origin: string, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/sign-in`);
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  const signInStarted = performance.now();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('table').getByRole('row').nth(1).waitFor({ timeout: 60_000 });
  const firstList = performance.now() - signInStarted;
  await page.getByText('Filters', { exact: true }).click();
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const number = `2025-0${String((run * 37) % 1000).padStart(3, '0')}`;
    await page.getByRole('textbox', { name: 'Number contains' }).fill(number);
    await page.evaluate((wanted) => {
      const marks = window as unknown as { clickedAt?: number; shownAt?: Promise<number> };
      marks.clickedAt = undefined;
      document.addEventListener('click', () => (marks.clickedAt ??= performance.now()), {
        capture: true,
        once: true,
      });
      marks.shownAt = new Promise((resolve) => {
        // No named functions in here: tsx would wrap them in a helper the page does not have.
        const observer = new MutationObserver(() => {
          if (!document.querySelector('table tbody tr')?.textContent?.includes(wanted)) return;
          observer.disconnect();
          resolve(performance.now());
        });
        observer.observe(document, { subtree: true, childList: true, characterData: true });
      });
    }, number);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    times.push(
      await page.evaluate(async () => {
        const marks = window as unknown as { clickedAt: number; shownAt: Promise<number> };
        return (await marks.shownAt) - marks.clickedAt;
      }),
    );
  }
  await context.close();
  const sorted = times.sort((a, b) => a - b);
  return {
    firstList: `${firstList.toFixed(0)} ms`,
    filterChange: `p50 ${percentile(sorted, 50).toFixed(0)} ms   p95 ${percentile(sorted, 95).toFixed(0)} ms`,
  };
}

/** Waits until the machine is idle again (the PDFs of seeded documents render after the seed). */
async function settled() {
  const busy = async () => {
    const sample = async () =>
      (await readFile('/proc/stat', 'utf8')).split('\n')[0]!.split(/\s+/).slice(1).map(Number);
    const before = await sample();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = await sample();
    const delta = after.map((value, i) => value - before[i]!);
    const all = delta.reduce((sum, value) => sum + value, 0);
    return 1 - (delta[3]! + delta[4]!) / all; // idle + iowait
  };
  for (let quiet = 0; quiet < 3;) quiet = (await busy()) < 0.15 ? quiet + 1 : 0;
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
      // Eight at a time: seeding 1,000 one by one takes minutes.
      for (let batch = 0; batch < documents; batch += SEED_CONCURRENCY)
        await Promise.all(
          Array.from({ length: Math.min(SEED_CONCURRENCY, documents - batch) }, (_, k) => {
            const i = batch + k;
            return issueInvoice(gateway, owner.accessToken, createCustomer.id, {
              type: i % 7 === 0 ? 'ESTIMATE' : 'INVOICE',
              currency: i % 5 === 0 ? 'USD' : 'EUR',
              lines: [
                {
                  description: `Item ${i}`,
                  quantity: '1',
                  unitPrice: `${100 + i}.00`,
                  taxRate: '19',
                },
              ],
            });
          }),
        );
      const email = `contact-${name.toLowerCase()}@${slug}.example`;
      await grantAndJoin(running, owner.accessToken, slug, createCustomer.id, { email });
      return email;
    };
    const js = await firstLoadJs(browser, origin);
    const smallEmail = await customerWith(6, 'Small');
    const contactScripts = await scriptsLoaded(browser, origin, smallEmail, [
      '/documents',
      '/statement',
      '/customer',
      '/profile',
    ]);
    const staffScripts = await scriptsLoaded(browser, origin, `owner@${slug}.example`, [
      '/overview',
      '/customers',
      '/customers/new',
      '/contacts',
      '/documents/new',
      '/emails',
      '/audit',
      '/team',
      '/settings',
      '/webhooks',
    ]);
    const staffOnly = [...staffScripts].filter((path) => !contactScripts.has(path));
    // Staff code is what src/staff holds; vite names each chunk after its module.
    const staffModules = (await readdir(join(__dirname, '../src/staff')))
      .filter((file) => file.endsWith('.tsx') || (file.endsWith('.ts') && !file.includes('.test.')))
      .map((file) => file.replace(/\.tsx?$/, ''));
    const staffShownToContacts = [...contactScripts].filter((path) =>
      staffModules.some((module) => path.startsWith(`/assets/${module}-`)),
    );
    await settled();
    const small = await signInTimes(browser, origin, smallEmail);
    const seedStarted = Date.now();
    const largeEmail = await customerWith(LARGE, 'Large');
    const seededIn = Date.now() - seedStarted;
    await settled();
    const large = await signInTimes(browser, origin, largeEmail);
    const staffSeedStarted = Date.now();
    await withDocumentDatabase(async (connection) => {
      const tenantId = tenantOf(owner.accessToken);
      const customers = await seedCustomers(connection, tenantId, 1_000);
      await seedDocuments(connection, {
        tenantId,
        customers,
        createdBy: owner.user.id,
        count: STAFF_DOCUMENTS,
      });
    });
    const staffSeededIn = Date.now() - staffSeedStarted;
    await settled();
    const staffList = await filterChangeTimes(browser, origin, `owner@${slug}.example`);
    const kb = (bytes: number) => (bytes / 1024).toFixed(1);
    console.log(`
portal on this machine (${RUNS} runs each)
  first load of /sign-in    ${js.files} scripts, ${kb(js.gzip)} KB gzip (${kb(js.raw)} KB raw)   goal < 150 KB
  staff area                ${staffOnly.length} scripts, ${kb(await gzipSize(staffOnly))} KB gzip, loaded by staff only
  contact, every page       ${contactScripts.size} scripts, ${staffShownToContacts.length} of them staff code   goal 0
  sign-in -> table, 6 docs         ${small.total}   goal p95 < 1000 ms
    of which: sign-in answered     ${small.signedIn}
              permissions answered ${small.viewed}
              documents answered   ${small.listed}
  sign-in -> table, ${LARGE} docs     ${large.total}   (seeded in ${(seededIn / 1000).toFixed(0)} s)
    of which: sign-in answered     ${large.signedIn}
              permissions answered ${large.viewed}
              documents answered   ${large.listed}
  staff list, ${STAFF_DOCUMENTS} docs   (seeded in ${(staffSeededIn / 1000).toFixed(0)} s)
    sign-in -> table               ${staffList.firstList}
    filter change -> first page    ${staffList.filterChange}   goal p95 < 1000 ms`);
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
