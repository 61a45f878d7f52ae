import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually, parsePdf, pdfText } from '@portico/local-infra';
import { createLogger } from '@portico/logger';
import { defaultBranding } from '../model/branding';
import { documentView, statementView } from './document-view';
import { PdfRenderer, type PdfRendererOptions } from './pdf-renderer';
import { renderTemplate } from './templates';
import { warmUpRendering } from './warm-up';

const logger = createLogger('pdf-test', { level: 'silent' });
const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
let renderer: PdfRenderer;
/** A renderer on the test's Chromium with two pages, unless `options` say otherwise. */
const rendererWith = (options: Partial<PdfRendererOptions> = {}) =>
  new PdfRenderer({ chromiumPath: process.env.CHROMIUM_PATH!, logger, concurrency: 2, ...options });

beforeAll(() => {
  renderer = rendererWith();
});
afterAll(() => renderer.close());

describe('PDF rendering with Handlebars and Chromium', () => {
  const issued = (lineCount: number) => ({
    documentId: 'd1',
    notes: null,
    type: 'INVOICE' as const,
    number: 'INV-2026-000042',
    issueDate: '2026-11-23',
    dueDate: '2026-12-07',
    currency: 'EUR',
    netTotal: `${lineCount * 10}.00`,
    taxTotal: `${lineCount * 1.9}`,
    grossTotal: `${lineCount * 11.9}`,
    lines: Array.from({ length: lineCount }, (_, i) => ({
      description: `Line ${i + 1} <b>not bold</b>`,
      quantity: '1',
      unitPrice: '10.00',
      taxRate: '19',
      netAmount: '10.00',
      taxAmount: '1.90',
      grossAmount: '11.90',
    })),
    taxBreakdown: [{ rate: '19', netAmount: `${lineCount * 10}.00`, taxAmount: '1.90' }],
    billTo: {
      number: 'K-1',
      displayName: 'Müller & Söhne <GmbH>',
      address: { street: 'Hafenstr. 1', postalCode: '20457', city: 'Hamburg', country: 'DE' },
      taxId: null,
      vatId: null,
    },
    customer: { id: 'c1', displayName: 'Müller & Söhne <GmbH>' },
  });
  const branding = {
    ...defaultBranding('t1', 'Nordwind Handel'),
    footer: 'IBAN DE02 1203 0000 0000 2020 51',
  };
  const view = documentView(issued(20), 'en', branding);
  // Chromium separates digit groups with narrow spaces in extracted text; compare without them.
  const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

  it('renders a template to a PDF whose text holds the values', async () => {
    const pdf = await renderer.render(renderTemplate('document.pdf', view));
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    const text = await pdfText(pdf);
    expect(text).toContain('INV-2026-000042');
    expect(text).toContain('€238.00');
    expect(text).toContain('Nordwind Handel');
    expect(text).toContain('Müller & Söhne <GmbH>'); // escaped in HTML, shown as written
    expect(text).toContain('Line 1 <b>not bold</b>');
  });

  it('paginates a 200-line invoice in German: headers repeated, every page numbered and footed', async () => {
    const pdf = await renderer.render(
      renderTemplate('document.pdf', documentView(issued(200), 'de', branding)),
    );
    const parsed = await parsePdf(pdf);
    const text = plain(parsed.text);
    expect(parsed.numpages).toBeGreaterThanOrEqual(4);
    for (let page = 1; page <= parsed.numpages; page++)
      expect(text).toContain(`${page} / ${parsed.numpages}`);
    // The table header once per page the lines span, and the footer on every page.
    expect(text.match(/Beschreibung/g)!.length).toBeGreaterThanOrEqual(parsed.numpages - 1);
    expect(text.match(/IBAN DE02/g)).toHaveLength(parsed.numpages);
    expect(text).toContain('Line 200');
    expect(text).toContain('Gesamtbetrag');
    expect(text).toContain('2.380,00 €');
    expect(text).toContain('Rechnung INV-2026-000042');
    expect(text).toContain('07.12.2026');
  });

  it('prints a footer as written, whatever characters it holds, on its own lines', async () => {
    const footer = 'Bank "Nord" \\ 50% </style><h1>not a heading</h1>\nUSt-IdNr. DE123';
    const pdf = await renderer.render(
      renderTemplate('document.pdf', documentView(issued(3), 'de', { ...branding, footer })),
    );
    const lines = plain(await pdfText(pdf)).split('\n');
    expect(lines).toContain('Bank "Nord" \\ 50% </style><h1>not a heading</h1>');
    expect(lines).toContain('USt-IdNr. DE123');
    expect(lines).toContain('1 / 1');
  });

  const statement = {
    customerId: 'c1',
    customerName: 'Müller & Söhne GmbH',
    email: 'ap@m.example',
    date: '2026-11-23',
    openDocuments: [],
    totals: [{ currency: 'EUR', grossTotal: '10', paidTotal: '0', balanceDue: '10' }],
    requestedBy: 'u1',
  };

  it("sets all text in the templates' sans-serif family (a broken declaration falls back to serif)", async () => {
    for (const html of [
      renderTemplate('document.pdf', view),
      renderTemplate('statement.pdf', statementView(statement, 'en', branding)),
    ]) {
      const fonts = (await renderer.render(html)).toString('latin1').match(/\/BaseFont\s*\/\S+/g);
      expect(fonts!.length).toBeGreaterThan(0);
      expect(fonts!.filter((font) => /Serif/.test(font))).toEqual([]);
    }
  });

  it('refuses templates with missing values', () => {
    const { number: _omitted, ...withoutNumber } = view;
    expect(() => renderTemplate('document.pdf', withoutNumber)).toThrow(/"number" not defined/);
  });

  it('lets a page neither run scripts nor reach the network', async () => {
    let requests = 0;
    const server: Server = createServer((_req, res) => {
      requests++;
      res.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const html = `<html><body>
      <img src="http://127.0.0.1:${port}/pixel.png">
      <link rel="stylesheet" href="http://127.0.0.1:${port}/style.css">
      <p id="out">static</p>
      <script>document.getElementById('out').textContent = 'scripted';</script>
    </body></html>`;
    const text = await pdfText(await renderer.render(html));
    server.close();
    expect(requests).toBe(0);
    expect(text).toContain('static');
    expect(text).not.toContain('scripted');
  });

  it('renders in parallel through the bounded pool', async () => {
    const pdfs = await Promise.all(
      ['A', 'B', 'C', 'D'].map((suffix) =>
        renderer.render(renderTemplate('document.pdf', { ...view, number: `INV-${suffix}` })),
      ),
    );
    const texts = await Promise.all(pdfs.map(pdfText));
    expect(texts.map((text) => /INV-([A-D])/.exec(text)?.[1])).toEqual(['A', 'B', 'C', 'D']);
  });
});

describe('the Chromium behind the renderer', () => {
  const html = (n: number) => `<html><body><p>render ${n}</p></body></html>`;

  it('is replaced after its number of renders by a successor that starts while it renders on', async () => {
    const restarting = rendererWith({ rendersPerBrowser: 3 });
    const text = async (n: number) => (await pdfText(await restarting.render(html(n)))).trim();
    try {
      expect(await text(1)).toBe('render 1');
      const first = (await restarting.browserPid())!;
      const [pdf2, pdf3] = [await restarting.render(html(2)), await restarting.render(html(3))];
      // The third render started the successor; until it is up, the first browser renders on.
      expect(await restarting.browserPid()).toBe(first);
      expect([await pdfText(pdf2), await pdfText(pdf3)].map((each) => each.trim())).toEqual([
        'render 2',
        'render 3',
      ]);
      expect(await text(4)).toBe('render 4');
      await eventually(async () => (await restarting.browserPid()) !== first);
      expect(restarting.idlePages).toBe(2); // it took over with its pages open
      expect(restarting.browsersLaunched).toBe(2);
      await eventually(async () => !isRunning(first)); // the retired one is closed
      const second = await restarting.browserPid();
      for (let n = 5; n <= 8; n++) expect(await text(n)).toBe(`render ${n}`);
      await eventually(async () => (await restarting.browserPid()) !== second);
      expect(restarting.browsersLaunched).toBe(3);
    } finally {
      await restarting.close();
    }
  });

  it('is relaunched when it dies, and the next render works', async () => {
    const pid = await (async () => {
      await renderer.render(html(1));
      return renderer.browserPid();
    })();
    process.kill(pid!, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await pdfText(await renderer.render(html(2)))).trim()).toBe('render 2');
    expect(await renderer.browserPid()).not.toBe(pid);
  });

  it('launches no browser once closed, also not for renders that were waiting', async () => {
    const closing = rendererWith({ concurrency: 1 });
    await closing.render(html(1));
    const pid = (await closing.browserPid())!;
    const outcome = (rendering: Promise<Buffer>) =>
      rendering.then(
        () => 'rendered',
        (error: Error) => error.message,
      );
    const renders = [outcome(closing.render(html(2))), outcome(closing.render(html(3)))];
    await closing.close();
    expect(await Promise.all(renders)).toEqual([
      'the PDF renderer is closed',
      'the PDF renderer is closed',
    ]);
    expect(closing.browsersLaunched).toBe(1);
    expect(isRunning(pid)).toBe(false);
  });

  it('is killed by pid when closing it hangs', async () => {
    const hanging = rendererWith({ concurrency: 1, closeTimeoutMs: 500 });
    await hanging.render(html(1));
    const pid = (await hanging.browserPid())!;
    process.kill(pid, 'SIGSTOP'); // a frozen browser answers nothing, not even close
    await hanging.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(isRunning(pid)).toBe(false);
  });
});

describe('warming up PDF rendering at start', () => {
  it('leaves the browser launched and every page of the pool open and used', async () => {
    const warming = rendererWith({ rendersPerBrowser: 100 });
    try {
      await warmUpRendering(warming, logger);
      expect(warming.browsersLaunched).toBe(1);
      expect(warming.idlePages).toBe(2);
      expect(await warming.browserPid()).toBeGreaterThan(0);
    } finally {
      await warming.close();
    }
  });

  it('never throws when Chromium cannot start: the next render tries again', async () => {
    const broken = rendererWith({ chromiumPath: '/nonexistent/chromium', concurrency: 1 });
    await expect(warmUpRendering(broken, logger)).resolves.toBeUndefined();
    await expect(broken.render('<p>x</p>')).rejects.toThrow();
    expect(broken.browsersLaunched).toBe(2);
    await broken.close();
  });
});
