import { basename } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { pdfRenderSeconds } from '../metrics';
import type { Logger } from '@portico/logger';
import { inSpan } from '@portico/tracing';

// Puppeteer's own, which PDFs have always been laid out in; a screenshot puts it back.
const DEFAULT_VIEWPORT = { width: 800, height: 600 };

export interface PdfRendererOptions {
  chromiumPath: string;
  logger: Logger;
  /** Pages rendering at once (about one per core); more wait their turn. */
  concurrency: number;
  /** Renders before the browser is replaced, so a slow leak in Chromium stays bounded. */
  rendersPerBrowser?: number;
  timeoutMs?: number;
  /** How long a browser may take to close before it is killed by pid. */
  closeTimeoutMs?: number;
  /** Chromium's sandbox (see chromiumArgs); on by default. */
  sandbox?: boolean;
}

/**
 * Chromium's own sandbox, unless the process runs as root (where Chromium refuses it): the
 * image runs as an unprivileged user, so a page that breaks out of the renderer is still
 * confined. CHROMIUM_SANDBOX=false turns it off for hosts without user namespaces.
 */
export function chromiumArgs(sandbox: boolean, isRoot = process.getuid?.() === 0): string[] {
  return sandbox && !isRoot ? CHROMIUM_ARGS : ['--no-sandbox', ...CHROMIUM_ARGS];
}

// Flags for a headless Chromium on a server: no GPU, no background traffic.
const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--mute-audio',
];

/** One launched browser, its warm pages, and how much it has rendered. */
interface Generation {
  browser: Promise<Browser>;
  renders: number;
  busy: number;
  idle: Page[];
  retired: boolean;
}

/**
 * Renders HTML to PDF on one long-lived Chromium with a pool of warm pages.
 * Pages cannot run scripts or reach the network: every request but inline
 * `data:` is aborted (file://, private and metadata addresses included).
 *
 * The browser is replaced after `rendersPerBrowser` renders: a successor is
 * launched and its pages opened while the old browser keeps rendering, and
 * takes over once ready (a launch takes about a second of CPU; documents
 * waiting for it made the pipeline's slowest percent). One that disconnects
 * is replaced on the next render. A retired browser finishes its renders,
 * then is closed, and killed by pid if closing hangs.
 */
export class PdfRenderer {
  private current: Generation | undefined;
  /** The browser starting up to take over from `current`. */
  private successor: Generation | undefined;
  private readonly live = new Set<Generation>();
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private launches = 0;
  /** Set by close: renders still waiting (the warm-up's, a consumer's) must not launch a browser. */
  private closed = false;

  constructor(private readonly options: PdfRendererOptions) {}

  render(html: string): Promise<Buffer> {
    return inSpan('render pdf', {}, () => this.renderNow(html));
  }

  private async renderNow(html: string): Promise<Buffer> {
    return this.onPage(async (page) => {
      const timer = pdfRenderSeconds.startTimer(); // from a free slot, so queueing is not counted
      try {
        const pdf = await this.renderOn(page, html);
        timer({ outcome: 'rendered' });
        return pdf;
      } catch (error) {
        timer({ outcome: 'failed' });
        throw error;
      }
    });
  }

  /** A PNG of the HTML as a screen `width` px wide shows it, whole (an email's preview). */
  async screenshot(html: string, width: number): Promise<Buffer> {
    return this.onPage(async (page) => {
      const timeout = this.options.timeoutMs ?? 15_000;
      await page.setViewport({ width, height: 400 });
      try {
        await page.setContent(html, { waitUntil: 'load', timeout });
        return Buffer.from(await page.screenshot({ type: 'png', fullPage: true }));
      } finally {
        await page.setViewport(DEFAULT_VIEWPORT);
      }
    });
  }

  /** Runs `work` on a pooled page of the current browser, within the pool's concurrency. */
  private async onPage<T>(work: (page: Page) => Promise<T>): Promise<T> {
    await this.acquire();
    if (this.closed) {
      this.release();
      throw new Error('the PDF renderer is closed');
    }
    const generation = this.generation();
    generation.busy++;
    if (++generation.renders >= (this.options.rendersPerBrowser ?? 1_000) && !this.successor)
      this.replace(generation);
    let page: Page | undefined;
    try {
      page = generation.idle.pop() ?? (await this.openPage(await generation.browser));
      const result = await work(page);
      if (!generation.retired) {
        generation.idle.push(page);
        page = undefined;
      }
      return result;
    } finally {
      // A page that failed (or whose browser retired) is not reused.
      if (page) await page.close().catch(() => undefined);
      generation.busy--;
      if (generation.retired && generation.busy === 0) await this.shutDown(generation);
      this.release();
    }
  }

  /** Renders at once, each on a page of its own. */
  get poolSize(): number {
    return this.options.concurrency;
  }

  /** Pages open and waiting in the current browser. */
  get idlePages(): number {
    return this.current?.idle.length ?? 0;
  }

  /** How many browsers were launched so far (restarts show here). */
  get browsersLaunched(): number {
    return this.launches;
  }

  /** The pid of the browser that takes the next render, if one runs. */
  async browserPid(): Promise<number | undefined> {
    const browser = await this.current?.browser.catch(() => undefined);
    return browser?.process()?.pid;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.live].map((generation) => this.shutDown(generation)));
    this.current = undefined;
    this.successor = undefined;
  }

  /** Starts a successor with its pages open; it takes over from `old` once ready. */
  private replace(old: Generation): void {
    const successor = this.launchGeneration();
    this.successor = successor;
    this.openPages(successor)
      .then(() => {
        if (this.successor !== successor) return; // closed, died, or promoted when `old` died
        this.successor = undefined;
        this.retire(old);
        this.current = successor;
        if (old.busy === 0) void this.shutDown(old);
      })
      .catch((error: unknown) => {
        // The old browser stays; the next render tries another successor.
        this.options.logger.warn({ err: error }, 'successor chromium could not start');
        if (this.successor === successor) this.successor = undefined;
        void this.shutDown(successor);
      });
  }

  /** Opens pages in the generation's browser until it has one per pool slot. */
  private async openPages(generation: Generation): Promise<void> {
    const browser = await generation.browser;
    while (
      !generation.retired &&
      generation.idle.length + generation.busy < this.options.concurrency
    )
      generation.idle.push(await this.openPage(browser));
  }

  private async renderOn(page: Page, html: string): Promise<Buffer> {
    const timeout = this.options.timeoutMs ?? 15_000;
    await page.setContent(html, { waitUntil: 'load', timeout });
    const pdf = await withTimeout(
      page.pdf({
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        timeout,
        // Templates load no web fonts (and pages can fetch none): asking Chromium whether they
        // are ready is one more round trip per render for nothing.
        waitForFonts: false,
      }),
      timeout,
      'page.pdf',
    );
    return Buffer.from(pdf);
  }

  private async openPage(browser: Browser): Promise<Page> {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.url().startsWith('data:')) void request.continue();
      else void request.abort('blockedbyclient');
    });
    return page;
  }

  /** The browser that takes the next render: the current one, else its successor, else a new one. */
  private generation(): Generation {
    if (this.current) return this.current;
    this.current = this.successor ?? this.launchGeneration();
    this.successor = undefined;
    return this.current;
  }

  private launchGeneration(): Generation {
    const generation: Generation = {
      browser: this.launch(),
      renders: 0,
      busy: 0,
      idle: [],
      retired: false,
    };
    generation.browser
      .then((browser) =>
        browser.once('disconnected', () => {
          if (generation.retired) return;
          this.options.logger.warn('chromium disconnected; the next render launches another');
          this.retire(generation);
          this.live.delete(generation);
        }),
      )
      .catch(() => this.retire(generation));
    this.live.add(generation);
    return generation;
  }

  private launch(): Promise<Browser> {
    this.launches++;
    return puppeteer.launch({
      executablePath: this.options.chromiumPath,
      // The headless shell is a binary of its own, driven in its own mode.
      headless: basename(this.options.chromiumPath).includes('headless-shell') ? 'shell' : true,
      args: chromiumArgs(this.options.sandbox ?? true),
      // The service's shutdown closes the browser; puppeteer's handlers would exit the process early.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  }

  private retire(generation: Generation): void {
    generation.retired = true;
    if (this.current === generation) this.current = undefined;
    if (this.successor === generation) this.successor = undefined;
  }

  /** Closes a retired browser; kills it by pid when closing hangs. */
  private async shutDown(generation: Generation): Promise<void> {
    this.retire(generation);
    this.live.delete(generation);
    const browser = await generation.browser.catch(() => undefined);
    if (!browser?.connected) return;
    const pid = browser.process()?.pid;
    try {
      await withTimeout(browser.close(), this.options.closeTimeoutMs ?? 5_000, 'browser.close');
    } catch (error) {
      this.options.logger.warn({ err: error, pid }, 'chromium did not close; killing it');
      if (pid) process.kill(pid, 'SIGKILL');
    }
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
