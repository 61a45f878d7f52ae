import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

// Its own chunk (see pdf-first-page.tsx): PDF.js loads only where a PDF is drawn.
GlobalWorkerOptions.workerSrc = workerUrl;

/**
 * Draws the PDF's first page on the canvas, `width` CSS pixels wide, sharp on
 * dense screens; returns the page's text (for those who cannot see it).
 * Glyphs are drawn as paths and nothing is fetched: the portal's
 * Content-Security-Policy allows no fonts or WebAssembly from data.
 */
export async function drawFirstPage(
  canvas: HTMLCanvasElement,
  pdf: Uint8Array,
  width: number,
): Promise<string> {
  const loading = getDocument({
    data: pdf,
    disableFontFace: true,
    useSystemFonts: false,
    useWasm: false,
  });
  try {
    const page = await (await loading.promise).getPage(1);
    const unscaled = page.getViewport({ scale: 1 });
    const density = window.devicePixelRatio || 1;
    const viewport = page.getViewport({ scale: (width / unscaled.width) * density });
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${Math.floor(viewport.height / density)}px`;
    await page.render({ canvas, viewport }).promise;
    const content = await page.getTextContent();
    return content.items
      .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : ''))
      .join('')
      .replace(/[ \t]+/g, ' ')
      .trim();
  } finally {
    await loading.destroy();
  }
}
