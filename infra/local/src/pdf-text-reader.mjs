// Reads a PDF on stdin and writes {"text","numpages"} on stdout. A process of its own:
// pdf.js loads its worker by a dynamic import, which jest's module sandbox refuses.
import { Buffer } from 'node:buffer';
import process from 'node:process';
import { PDFParse } from 'pdf-parse';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
// Cells of a line apart by a space, and each line without the indent of its column.
const result = await parser.getText({ pageJoiner: '', cellSeparator: ' ' });
await parser.destroy();
const text = result.text
  .split('\n')
  .map((line) => line.trim())
  .join('\n');
process.stdout.write(JSON.stringify({ text, numpages: result.total }));
