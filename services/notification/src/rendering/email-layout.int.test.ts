import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { defaultBranding } from '../model/branding';
import { statementView } from './document-view';
import { formatterOf, LOCALES, wordingOf, type Locale } from './locale';
import { chromiumArgs } from './pdf-renderer';
import { renderEmail } from './templates';

// A small PNG mark in the tenant's colour: enough to prove the logo reaches the page.
const LOGO =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAGAAAAAgCAIAAABiouoDAAAAXUlEQVR42u3WsREAEBBFQblGhEJd6ET/GQWImXH2z1WwwZtLefSjNx9fAgQIECBAgLaV2p44QIAAxQQSaUCAAP3+BwECBOhfIJEGBAhQzEgDAgQIkEgDAgQIEKALW2WLG+ODlfUmAAAAAElFTkSuQmCC';
const branding = {
  ...defaultBranding('t1', 'Nordwind Logistik GmbH'),
  colour: '#0b6e4f',
  logo: LOGO,
  footer:
    'Hafenstraße 1, 20457 Hamburg, Germany\nIBAN DE02 1203 0000 0000 2020 51 · VAT ID DE123456789',
};
const LONG_LINK =
  'https://portal.nordwind.example/accept-invitation?token=Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5d2FsZG9mcmVkcGx1Z3h5enp5dGh1ZA';

/** Every kind of email with the data a real one carries, and where its button must lead. */
function emails(locale: Locale) {
  const format = formatterOf(locale);
  const wording = wordingOf(locale);
  const document = 'https://portal.nordwind.example/documents/5d2f0c1e-8a8b-4c9e-9d7e-0c2a4f1b2e3d';
  return [
    {
      kind: 'document-issued',
      link: document,
      view: {
        customerName: 'Hafen Logistik Aktiengesellschaft',
        title: wording.titles.INVOICE,
        number: 'INV-2026-000042',
        issueDate: format.date('2026-12-03'),
        dueDate: format.date('2026-12-17'),
        t: wording.labels,
        grossTotal: format.money('1234567.89', 'EUR'),
        portalUrl: document,
        attached: true,
      },
    },
    {
      kind: 'account-statement',
      link: 'https://portal.nordwind.example/documents',
      view: {
        ...statementView(
          {
            customerId: 'c1',
            customerName: 'Hafen Logistik Aktiengesellschaft',
            email: 'ap@hafen.example',
            date: '2026-12-03',
            openDocuments: [],
            totals: [
              { currency: 'EUR', grossTotal: '1190', paidTotal: '0', balanceDue: '1190' },
              { currency: 'CHF', grossTotal: '95.5', paidTotal: '0', balanceDue: '95.5' },
            ],
            requestedBy: 'u1',
          },
          locale,
          branding,
        ),
        portalUrl: 'https://portal.nordwind.example/documents',
      },
    },
    ...(
      ['contact-invitation', 'password-reset', 'email-verification', 'staff-invitation'] as const
    ).map((kind) => ({
      kind,
      link: LONG_LINK,
      view: {
        name: 'Lena',
        organization: branding.name,
        customer: 'Hafen Logistik Aktiengesellschaft',
        needsCode: true,
        invitedBy: 'Anna Weber',
        role: 'admin',
        link: LONG_LINK,
        expiresAt: format.moment(new Date('2026-12-10T10:00:00Z')),
      },
    })),
    {
      kind: 'password-reset-unavailable',
      link: null,
      view: { name: 'Lena', organization: branding.name, contact: true },
    },
  ];
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH!,
    args: chromiumArgs(true),
  });
  page = await browser.newPage();
});
afterAll(() => browser?.close());

/** Opens the HTML part as a mail client does: inline images resolved from their attachments. */
async function open(email: ReturnType<typeof renderEmail>, width: number) {
  let html = email.html;
  for (const image of email.attachments)
    html = html.replaceAll(
      `cid:${image.cid}`,
      `data:${image.contentType};base64,${image.content.toString('base64')}`,
    );
  await page.setViewport({ width, height: 900 });
  await page.setContent(html, { waitUntil: 'load' });
}

describe('emails in Chromium', () => {
  for (const locale of LOCALES)
    for (const { kind, link, view } of emails(locale))
      it(`${locale} ${kind}: fits a phone and a desktop, with one button to its page`, async () => {
        const email = renderEmail(locale, kind, view, branding);
        for (const width of [390, 700]) {
          await open(email, width);
          const layout = await page.evaluate(() => {
            const button = document.querySelector<HTMLAnchorElement>('a.button');
            const box = button?.getBoundingClientRect();
            const logo = document.querySelector('img');
            return {
              scrollWidth: document.documentElement.scrollWidth,
              buttons: document.querySelectorAll('a.button').length,
              href: button?.getAttribute('href') ?? null,
              buttonRight: box ? box.right : 0,
              logoLoaded: logo ? logo.naturalWidth > 0 : false,
              lang: document.documentElement.lang,
            };
          });
          expect(layout.scrollWidth).toBeLessThanOrEqual(width);
          expect(layout.buttons).toBe(link ? 1 : 0);
          expect(layout.href).toBe(link);
          expect(layout.buttonRight).toBeLessThanOrEqual(width);
          expect(layout.logoLoaded).toBe(true);
          expect(layout.lang).toBe(locale);
        }
      });

  it('turns dark with the reader’s colour scheme, and the README shows one', async () => {
    const [invoice] = emails('en');
    const email = renderEmail('en', invoice!.kind, invoice!.view, branding);
    const cardBackground = () =>
      page.$eval('.card', (card) => getComputedStyle(card).backgroundColor);
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await open(email, 700);
    expect(await cardBackground()).toBe('rgb(255, 255, 255)');
    const images = join(__dirname, '../../../../docs/images');
    mkdirSync(images, { recursive: true });
    await page.screenshot({ path: join(images, 'email-document-issued.png'), fullPage: true });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await open(email, 390);
    expect(await cardBackground()).toBe('rgb(27, 32, 39)');
    await page.screenshot({
      path: join(images, 'email-document-issued-phone-dark.png'),
      fullPage: true,
    });
  });
});
