import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// The library entry point itself: the package index reads a sample file when not required by a parent.
import pdfParse from 'pdf-parse/lib/pdf-parse.js';
import { createLogger } from '@portico/logger';
import { PdfRenderer } from './pdf-renderer';
import { renderTemplate } from './templates';

const logger = createLogger('pdf-test', { level: 'silent' });
let renderer: PdfRenderer;

async function pdfText(pdf: Buffer): Promise<string> {
  return (await pdfParse(pdf)).text;
}

beforeAll(() => {
  renderer = new PdfRenderer({ chromiumPath: process.env.CHROMIUM_PATH!, logger, concurrency: 2 });
});
afterAll(() => renderer.close());

describe('PDF rendering with Handlebars and Chromium', () => {
  const view = {
    title: 'Invoice',
    number: 'INV-2026-000042',
    issueDate: '2026-11-23',
    dueDate: '2026-12-07',
    currency: 'EUR',
    grossTotal: '1190.00',
    customerName: 'Müller & Söhne <GmbH>',
  };

  it('renders a template to a PDF whose text holds the values', async () => {
    const pdf = await renderer.render(renderTemplate('document.pdf', view));
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    const text = await pdfText(pdf);
    expect(text).toContain('INV-2026-000042');
    expect(text).toContain('1190.00 EUR');
    expect(text).toContain('Müller & Söhne <GmbH>'); // escaped in HTML, shown as written
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
