import { fetchWithTimeout } from '../api/graphql-request';

/** Download links are absolute under PUBLIC_URL, which is this origin: the path is followed. */
function pathOf(url: string): string {
  const target = new URL(url, window.location.href);
  return target.pathname + target.search;
}

/** Saves the file behind a download link, as the browser does for a link with `download`. */
export function downloadFile(url: string): void {
  const link = document.createElement('a');
  link.href = pathOf(url);
  link.download = '';
  document.body.append(link);
  link.click();
  link.remove();
}

export class FileNotReady extends Error {}

/**
 * Waits until a file rendered after its link was given (a statement's PDF)
 * is there: the link answers 404 until then. Gives up after `timeoutMs`.
 */
export async function whenFileReady(url: string, timeoutMs = 30_000): Promise<void> {
  const path = pathOf(url);
  const deadline = Date.now() + timeoutMs;
  for (let wait = 200; ; wait = Math.min(wait * 1.5, 1000)) {
    const response = await fetchWithTimeout(path, { method: 'HEAD' });
    if (response.ok) return;
    if (response.status !== 404) throw new Error(`The file answered ${response.status}`);
    if (Date.now() + wait > deadline) throw new FileNotReady(path);
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
