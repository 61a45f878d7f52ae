import { spawn } from 'node:child_process';
import { join } from 'node:path';

const READER = join(__dirname, 'pdf-text-reader.mjs');

/** A PDF's text and page count (for tests that read what a rendered PDF says). */
export function parsePdf(pdf: Uint8Array): Promise<{ text: string; numpages: number }> {
  return new Promise((resolve, reject) => {
    const reader = spawn(process.execPath, [READER], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    reader.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    reader.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    reader.on('error', reject);
    reader.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(Buffer.concat(out).toString()) as never);
      else reject(new Error(`the PDF could not be read: ${Buffer.concat(err).toString()}`));
    });
    reader.stdin.end(pdf);
  });
}

/** A PDF's text, its pages one after the other. */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  return (await parsePdf(pdf)).text;
}
