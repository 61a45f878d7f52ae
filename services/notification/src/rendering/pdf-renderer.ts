import puppeteer, { type Browser } from 'puppeteer-core';
import type { Logger } from '@portico/logger';

export interface PdfRendererOptions {
  chromiumPath: string;
  logger: Logger;
  /** Pages rendering at once; more wait their turn. */
  concurrency: number;
  timeoutMs?: number;
}

// Flags for a headless Chromium on a server: no sandbox as root, no background traffic.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--mute-audio',
];

/**
 * Renders HTML to PDF on one long-lived Chromium. Pages cannot run scripts or
 * reach the network: every request but inline `data:` is aborted, so a
 * template can neither leak data nor reach internal addresses.
 */
export class PdfRenderer {
  private browser: Promise<Browser> | undefined;
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: PdfRendererOptions) {}

  async render(html: string): Promise<Buffer> {
    await this.acquire();
    try {
      return await this.renderOnPage(html);
    } finally {
      this.release();
    }
  }

  async close(): Promise<void> {
    const browser = await this.browser?.catch(() => undefined);
    this.browser = undefined;
    await browser?.close();
  }

  private async renderOnPage(html: string): Promise<Buffer> {
    const timeout = this.options.timeoutMs ?? 15_000;
    const page = await (await this.launched()).newPage();
    try {
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        if (request.url().startsWith('data:')) void request.continue();
        else void request.abort('blockedbyclient');
      });
      await page.setContent(html, { waitUntil: 'load', timeout });
      const pdf = await withTimeout(
        page.pdf({ format: 'A4', printBackground: true, timeout }),
        timeout,
        'page.pdf',
      );
      return Buffer.from(pdf);
    } finally {
      await page.close().catch(() => undefined);
    }
  }

  private launched(): Promise<Browser> {
    this.browser ??= puppeteer
      .launch({
        executablePath: this.options.chromiumPath,
        headless: true,
        args: CHROMIUM_ARGS,
        // The service's shutdown closes the browser; puppeteer's handlers would exit the process early.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      })
      .then((browser) => {
        // A crashed browser is replaced on the next render.
        browser.once('disconnected', () => {
          this.options.logger.warn('chromium disconnected; relaunching on next render');
          this.browser = undefined;
        });
        return browser;
      })
      .catch((error: unknown) => {
        this.browser = undefined;
        throw error;
      });
    return this.browser;
  }

  private async acquire(): Promise<void> {
    if (this.active < this.options.concurrency) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
