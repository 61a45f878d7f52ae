import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import express from 'express';
import { mountFileProxy } from './file-proxy';

/**
 * The /files proxy sends only a document's PDF path to the notification service. Requests are
 * written on a raw socket, so the request target reaches the gateway exactly as an attacker
 * sends it (fetch and http.request would normalise it first).
 */
const DOCUMENT_ID = '0b8f3c1e-6a2d-4f7b-9c1d-2e3f4a5b6c7d';

let notification: Server; // stands in for the notification service, records what reaches it
let internal: Server; // any other internal address, which must stay out of reach
let gateway: Server;
const reachedNotification: string[] = [];
const reachedInternal: string[] = [];

const listen = async (server: Server) => {
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return (server.address() as AddressInfo).port;
};
const recorder =
  (seen: string[]) => (req: IncomingMessage, res: import('node:http').ServerResponse) => {
    seen.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-secret');
  };

let notificationPort: number;
let internalPort: number;
let gatewayPort: number;

beforeAll(async () => {
  notification = createServer(recorder(reachedNotification));
  internal = createServer(recorder(reachedInternal));
  notificationPort = await listen(notification);
  internalPort = await listen(internal);
  const app = express();
  mountFileProxy(app, `http://127.0.0.1:${notificationPort}`);
  gateway = createServer(app);
  gatewayPort = await listen(gateway);
});
afterAll(async () => {
  await Promise.all(
    [gateway, notification, internal].map(
      (server) => new Promise((resolve) => server?.close(resolve)),
    ),
  );
});
beforeEach(() => {
  reachedNotification.length = 0;
  reachedInternal.length = 0;
});

/** Sends `GET <target> HTTP/1.1` as written and resolves with the status line's code. */
function rawGet(target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(gatewayPort, '127.0.0.1');
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', reject);
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.write(`GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
  });
}

describe('the /files proxy', () => {
  it.each(['documents', 'statements'])(
    'passes a %s PDF link, path and query unchanged, to the notification service',
    async (kind) => {
      const target = `/files/${kind}/${DOCUMENT_ID}?tid=t1&sub=u1&exp=1&sig=abc`;
      expect(await rawGet(target)).toBe(200);
      expect(reachedNotification).toEqual([target]);
    },
  );

  it.each([
    [
      'absolute form to another host and port',
      () => `http://127.0.0.1:${internalPort}/files/documents/${DOCUMENT_ID}`,
    ],
    [
      'absolute form to another path',
      () => `http://127.0.0.1:${internalPort}/.well-known/jwks.json`,
    ],
    [
      'absolute form to the notification service itself',
      () => `http://127.0.0.1:${notificationPort}/files/documents/${DOCUMENT_ID}`,
    ],
    ['dot segments', () => '/files/../metrics'],
    ['dot segments after a valid path', () => `/files/documents/${DOCUMENT_ID}/../../../metrics`],
    ['percent-encoded dot segments', () => '/files/%2e%2e/metrics'],
    ['upper-case percent-encoded dot segments', () => '/files/documents/%2E%2E/%2E%2E/metrics'],
    ['backslashes', () => '/files\\..\\metrics'],
    [
      'a protocol-relative host',
      () => `//127.0.0.1:${internalPort}/files/documents/${DOCUMENT_ID}`,
    ],
    ['a host inside the path', () => `/files//127.0.0.1:${internalPort}/`],
    ['another file kind', () => `/files/customers/${DOCUMENT_ID}`],
    ['a statement id that is not a UUID', () => '/files/statements/anything'],
    ['a document id that is not a UUID', () => '/files/documents/abc'],
    ['an encoded slash in the id', () => `/files/documents/${DOCUMENT_ID}%2f..%2fmetrics`],
  ])('refuses %s with 404 and sends nothing anywhere', async (_name, target) => {
    expect(await rawGet(target())).toBe(404);
    expect(reachedNotification).toEqual([]);
    expect(reachedInternal).toEqual([]);
  });
});
