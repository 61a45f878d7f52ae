import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  url: string;
  /** Requests each upstream answered, by its port. */
  served: Map<number, number>;
  close(): Promise<void>;
}

/**
 * What a Kubernetes Service does for a Deployment's replicas, for local runs
 * and tests: each request goes to the next upstream in turn. A request whose
 * upstream refuses the connection (a replica that stopped) goes to the next
 * one; nothing reached the refusing one, so nothing is done twice.
 */
export async function startRoundRobinProxy(
  port: number,
  upstreamPorts: number[],
): Promise<RoundRobinProxy> {
  const served = new Map(upstreamPorts.map((upstream) => [upstream, 0]));
  let next = 0;

  const forward = (incoming: IncomingMessage, body: Buffer, upstream: number) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      const outgoing = request(
        {
          host: '127.0.0.1',
          port: upstream,
          method: incoming.method,
          path: incoming.url,
          headers: incoming.headers,
          // A new connection per request: a refused one then surely did nothing.
          agent: false,
        },
        resolve,
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });

  const server: Server = createServer((incoming, response) => {
    // Every failure is answered inside, so nothing is left to reject.
    const relay = async (body: Buffer) => {
      // This request's turn; on a refusal it tries the upstreams after it, each once. (Taking
      // `next` again per try could land on the refusing one twice while other requests advance it.)
      const first = next++;
      for (let tried = 0; tried < upstreamPorts.length; tried++) {
        const upstream = upstreamPorts[(first + tried) % upstreamPorts.length]!;
        try {
          const answer = await forward(incoming, body, upstream);
          served.set(upstream, served.get(upstream)! + 1);
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
          return;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ECONNREFUSED') {
            response.writeHead(502).end(String(error));
            return;
          }
        }
      }
      response.writeHead(503).end('no replica is up');
    };
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => void relay(Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
