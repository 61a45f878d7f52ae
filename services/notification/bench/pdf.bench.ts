/**
 * `pnpm bench:pdf`: a one-page, 20-line invoice rendered by the warm pool.
 * Prints PDFs per second, per-render p50/p99, and the RSS of this process and
 * of the Chromium processes after warm-up and after every 500 renders.
 * Asserts nothing. BENCH_PDFS (default 2,000) and PDF_CONCURRENCY (default
 * 2, one page per core here) change it.
 */
import { execFileSync } from 'node:child_process';
import { ensureChromium, percentile } from '@portico/local-infra';
import { createLogger } from '@portico/logger';
import { defaultBranding } from '../src/model/branding';
import { documentView } from '../src/rendering/document-view';
import { PdfRenderer } from '../src/rendering/pdf-renderer';
import { renderTemplate } from '../src/rendering/templates';
import { sampleInvoice } from '../src/rendering/warm-up';

const RENDERS = Number(process.env.BENCH_PDFS ?? 2_000);
const CONCURRENCY = Number(process.env.PDF_CONCURRENCY ?? 2);
const WARM_UP = 50;

/** RSS in MiB of this process and of every Chromium process it started. */
function memory(): { node: number; chromium: number } {
  const ps = execFileSync('ps', ['-eo', 'ppid=,pid=,rss=,comm='], { encoding: 'utf8' });
  const rows = ps
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .map(([ppid, pid, rss, comm]) => ({ ppid: +ppid!, pid: +pid!, rss: +rss!, comm: comm! }));
  // Chromium and its descendants (renderer, GPU, utility processes).
  const ours = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const row of rows)
      if (ours.has(row.ppid) && !ours.has(row.pid)) {
        ours.add(row.pid);
        grew = true;
      }
  }
  const chromium = rows
    .filter((row) => ours.has(row.pid) && row.pid !== process.pid)
    .reduce((sum, row) => sum + row.rss, 0);
  return { node: process.memoryUsage().rss / 2 ** 20, chromium: chromium / 1024 };
}

const invoice = documentView(sampleInvoice(20), 'en', {
  ...defaultBranding('bench', 'Nordwind Handel'),
  footer: 'IBAN DE02 1203 0000 0000 2020 51',
});

async function main(): Promise<void> {
  const renderer = new PdfRenderer({
    chromiumPath: process.env.CHROMIUM_PATH ?? (await ensureChromium()),
    logger: createLogger('bench-pdf', { level: 'warn' }),
    concurrency: CONCURRENCY,
  });
  const render = () => renderer.render(renderTemplate('document.pdf', invoice));
  try {
    // Warm-up: the browser launch and one page per slot.
    await Promise.all(Array.from({ length: WARM_UP }, render));
    const warm = memory();
    console.log(
      `after ${WARM_UP} warm-up renders: RSS node ${warm.node.toFixed(0)} MiB, chromium ${warm.chromium.toFixed(0)} MiB`,
    );
    const times: number[] = [];
    let next = 0;
    const started = performance.now();
    // As many renders in flight as the pool has pages: its throughput, not a queue's wait.
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < RENDERS) {
          next++;
          const begun = performance.now();
          await render();
          times.push(performance.now() - begun);
          if (times.length % 500 === 0) {
            const now = memory();
            console.log(
              `after ${times.length} renders: RSS node ${now.node.toFixed(0)} MiB, chromium ${now.chromium.toFixed(0)} MiB`,
            );
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const sorted = times.sort((a, b) => a - b);
    const end = memory();
    const growth = (end.node + end.chromium) / (warm.node + warm.chromium) - 1;
    console.log(
      `${RENDERS} renders with ${CONCURRENCY} pages: ${(RENDERS / seconds).toFixed(1)} PDFs/s, ` +
        `p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms; ` +
        `RSS growth after warm-up ${(growth * 100).toFixed(1)} % ` +
        `(node ${warm.node.toFixed(0)} -> ${end.node.toFixed(0)} MiB, chromium ${warm.chromium.toFixed(0)} -> ${end.chromium.toFixed(0)} MiB); ` +
        `browsers launched: ${renderer.browsersLaunched}`,
    );
  } finally {
    await renderer.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
