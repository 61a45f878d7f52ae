import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startRoundRobinProxy } from './round-robin-proxy';

const listen = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
const close = (server: Server) => new Promise((resolve) => server.close(resolve));

describe('round-robin proxy', () => {
  it('sends every request to the replica that is up when the other refuses, however many at once', async () => {
    const up = createServer((_, response) => response.end('up'));
    const upPort = await listen(up);
    const stopped = createServer();
    const stoppedPort = await listen(stopped);
    await close(stopped); // its port now refuses connections
    const proxy = await startRoundRobinProxy(0, [stoppedPort, upPort]);
    try {
      const answers = await Promise.all(
        Array.from({ length: 20 }, async () => {
          const response = await fetch(proxy.url, { method: 'POST', body: '{}' });
          return `${response.status} ${await response.text()}`;
        }),
      );
      expect(answers).toEqual(Array.from({ length: 20 }, () => '200 up'));
      expect(proxy.served.get(upPort)).toBe(20);
    } finally {
      await proxy.close();
      await close(up);
    }
  });
});
