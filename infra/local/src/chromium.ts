import { existsSync } from 'node:fs';
import { run } from './managed-process';

// Chromium's headless shell first: made for automation without a browser UI, it renders
// PDFs with about half the CPU and two-thirds the memory of the full browser (bench:pdf).
// The binary itself: Debian's /usr/bin wrapper does not exec it, so its pid would not be the browser's.
const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';
const FULL_BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * The Chromium puppeteer drives: CHROMIUM_PATH if set, else the system's
 * headless shell, installed from Debian's packages when missing (puppeteer
 * never downloads one); a full browser when the shell cannot be installed.
 */
export async function ensureChromium(): Promise<string> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH: no file at ${configured}`);
    return configured;
  }
  if (existsSync(HEADLESS_SHELL)) return HEADLESS_SHELL;
  if (process.getuid?.() !== 0) {
    const found = FULL_BROWSERS.find((path) => existsSync(path));
    if (found) return found;
    throw new Error(
      'Chromium is missing: run `sudo apt-get install chromium-headless-shell` or set CHROMIUM_PATH',
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-qq'], { env });
  await run(
    'apt-get',
    [
      'install',
      '-y',
      '-qq',
      '--no-install-recommends',
      'chromium-headless-shell',
      'fonts-dejavu-core',
      'fonts-liberation',
    ],
    { env },
  );
  return ensureChromium();
}
