import type { AddressInfo } from 'node:net';
import express from 'express';
import puppeteer, { type Browser } from 'puppeteer-core';
import { mountLandingPage } from './landing-page';

/** The landing page renders GraphiQL in a real Chromium with every request off this origin refused. */
let browser: Browser;
let origin: string;
let close: () => Promise<void>;
const queries: unknown[] = [];

beforeAll(async () => {
  const app = express();
  mountLandingPage(app);
  app.post('/graphql', express.json(), (req, res) => {
    queries.push(req.body);
    res.json({ data: { __typename: 'Query' } });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
  browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH!,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
});
afterAll(async () => {
  await browser?.close();
  await close?.();
});

describe('landing page', () => {
  it('renders GraphiQL from local files only, and its queries reach /graphql', async () => {
    const page = await browser.newPage();
    const elsewhere: string[] = [];
    const failures: string[] = [];
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.url().startsWith(origin) || request.url().startsWith('data:'))
        return void request.continue();
      elsewhere.push(request.url());
      void request.abort();
    });
    page.on('pageerror', (error) => failures.push(String(error)));
    page.on('response', (response) => {
      if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
    });

    const response = await page.goto(`${origin}/graphql`, { waitUntil: 'networkidle0' });
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.waitForSelector('.graphiql-container', { timeout: 10_000 });
    // GraphiQL asks for the schema on start: through our endpoint, not a CDN.
    await page.waitForNetworkIdle({ idleTime: 200 });
    expect(elsewhere).toEqual([]);
    expect(failures).toEqual([]);
    expect(JSON.stringify(queries)).toContain('IntrospectionQuery');
    await page.close();
  });

  it('shows the page at /graphql to a browser, and passes API requests on', async () => {
    const page = await fetch(`${origin}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('/graphiql/graphiql.js');
    const api = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await api.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
