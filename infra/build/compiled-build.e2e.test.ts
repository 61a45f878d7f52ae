import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  emailTo,
  graphqlData,
  grantAndJoin,
  issueInvoice,
  registerOrganization,
  renderedPdf,
  startTestPlatform,
  type TestPlatform,
} from '@portico/local-infra';

/**
 * The production build: every process runs the JavaScript `pnpm build` compiles, under
 * `--conditions=compiled` as the images run it, and the portal's main path works on it:
 * sign-up, an invited contact, an issued invoice emailed with its PDF, the download.
 */
const root = join(__dirname, '../..');
const ORG = 'compiled';
const CONTACT = 'contact@compiled.example';
let running: TestPlatform;

beforeAll(async () => {
  await promisify(execFile)(join(root, 'node_modules/.bin/tsx'), ['infra/build/compile.ts'], {
    cwd: root,
  });
  running = await startTestPlatform('compiled-build', 5700, { compiled: true });
}, 180_000);

afterAll(async () => {
  await running?.stop();
});

describe('the compiled build', () => {
  it('runs every process from dist/ under the compiled condition', async () => {
    for (const { process: child } of running.platform.processes) {
      const command = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8')
        .split('\0')
        .filter(Boolean);
      expect(command).toContain('--conditions=compiled');
      expect(command.at(-1)).toMatch(/\/dist\/main\.js$/);
      expect(command.join(' ')).not.toMatch(/tsx/);
    }
    // Under it, a workspace package is its compiled dist/ (plain node cannot load src/*.ts).
    const resolve = (...conditions: string[]) =>
      promisify(execFile)(
        process.execPath,
        [...conditions, '-p', "require.resolve('@portico/config')"],
        { cwd: join(root, 'gateway') },
      );
    expect((await resolve('--conditions=compiled')).stdout).toMatch(
      /packages\/config\/dist\/index\.js$/m,
    );
    expect((await resolve()).stdout).toMatch(/packages\/config\/src\/index\.ts$/m);
  });

  it('signs up, invites a contact, issues an invoice, emails it and serves its PDF', async () => {
    const gateway = running.platform.gatewayUrl;
    const owner = await registerOrganization(gateway, ORG);
    const { createCustomer } = await graphqlData<{ createCustomer: { id: string } }>(
      gateway,
      'mutation { createCustomer(input: { type: COMPANY, companyName: "Compiled GmbH", email: "billing@compiled.example" }) { id } }',
      {},
      { token: owner.accessToken },
    );
    const { contact } = await grantAndJoin(running, owner.accessToken, ORG, createCustomer.id, {
      email: CONTACT,
    });
    const invoice = await issueInvoice(gateway, owner.accessToken, createCustomer.id);
    const mail = await emailTo(running.mailbox, CONTACT, `Invoice ${invoice.number}`);
    expect(mail.attachments.map((attachment) => attachment.contentType)).toContain(
      'application/pdf',
    );
    const { documents } = await graphqlData<{
      documents: { edges: { node: { number: string } }[] };
    }>(
      gateway,
      '{ documents(first: 10) { edges { node { number } } } }',
      {},
      { token: contact.accessToken },
    );
    expect(documents.edges.map((edge) => edge.node.number)).toEqual([invoice.number]);
    const pdf = await renderedPdf(gateway, contact.accessToken, invoice.id);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('stops every compiled process cleanly', async () => {
    expect(Object.values(await running.stop()).every((code) => code === 0)).toBe(true);
  });
});
