import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { readJsonBody } from './json-request-body';

/**
 * The body reader in front of an Express app on a real socket, as the gateway
 * serves it: what it answers itself, and what Express then sees.
 */
const LIMIT = 1_000;
// Stands for the request id's context, set before the body is read.
const requestContext = new AsyncLocalStorage<string>();
let server: Server;
let port: number;

beforeAll(async () => {
  const app = express();
  app.use(express.json({ limit: LIMIT }), (req, res) => {
    res.json({ express: true, body: req.body as unknown, context: requestContext.getStore() });
  });
  server = createServer((req, res) => {
    if (req.url !== '/read') return void app(req, res);
    requestContext.run('request-1', () => readJsonBody(req, res, LIMIT, () => void app(req, res)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** A POST with the body in chunks (no content-length unless given). */
function post(
  headers: Record<string, string>,
  chunks: string[],
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ port, path: '/read', method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => {
        const isJson = res.headers['content-type']?.startsWith('application/json');
        resolve({ status: res.statusCode!, body: isJson ? JSON.parse(text) : text });
      });
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

const json = { 'content-type': 'application/json; charset=utf-8' };

describe('readJsonBody', () => {
  it('hands the parsed body on in the request’s context, and Express keeps it', async () => {
    const answer = await post(json, ['{"query":', '"{ me { id } }"}']);
    expect(answer).toEqual({
      status: 200,
      body: { express: true, body: { query: '{ me { id } }' }, context: 'request-1' },
    });
  });

  it('refuses a body over the limit, declared or streamed, with 413 and BAD_REQUEST', async () => {
    const big = `{"x":"${'y'.repeat(LIMIT)}"}`;
    const declared = await post({ ...json, 'content-length': String(big.length) }, [big]);
    const streamed = await post(json, [big.slice(0, 600), big.slice(600)]);
    for (const answer of [declared, streamed])
      expect(answer).toEqual({
        status: 413,
        body: {
          errors: [
            {
              message: `The request body is larger than ${LIMIT} bytes`,
              extensions: { code: 'BAD_REQUEST' },
            },
          ],
        },
      });
  });

  it('refuses a body that is not JSON with 400 and BAD_REQUEST', async () => {
    const answer = await post(json, ['{"query": ']);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      errors: [
        { message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } },
      ],
    });
  });

  it('leaves other types and charsets to Express unread', async () => {
    const text = await post({ 'content-type': 'text/plain' }, ['{"a":1}']);
    expect(text).toEqual({ status: 200, body: { express: true, context: 'request-1' } });
    const latin1 = await post({ 'content-type': 'application/json; charset=latin1' }, ['{"a":1}']);
    expect(latin1.status).toBe(415); // Express's parser refuses it, as before
  });
});
