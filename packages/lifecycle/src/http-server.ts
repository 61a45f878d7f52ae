import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { collectDefaultMetrics, Histogram, register as sharedMetrics, Registry } from 'prom-client';
import { REQUEST_ID_HEADER, requestIdFrom, withRequestId, type Logger } from '@portico/logger';
import { startServerSpan, type ServerSpan } from '@portico/tracing';

export interface ReadinessCheck {
  name: string;
  check: () => boolean | Promise<boolean>;
}

/**
 * Sees a request before Express does: it answers it, or calls `next` to hand it
 * on. It runs with the request id in context and the request counted in the
 * latency metrics (by its path), as Express's routes do.
 */
export type FrontHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** A POST to /graphql (any query string): what the gateway's and the subgraphs' fronts take. */
export function isGraphQLPost(req: IncomingMessage): boolean {
  return req.method === 'POST' && req.url?.split('?')[0] === '/graphql';
}

export interface ServiceHttp {
  /** Mount the service's own routes here (after the health routes). */
  app: Express;
  metrics: Registry;
  /** A hot route served on node:http alone, ahead of Express (at most one). */
  serveFirst(handler: FrontHandler): void;
  /** Flipped by shutdown so load balancers stop sending before the server closes. */
  setDraining(): void;
  listen(port: number, host?: string): Promise<RunningServer>;
  /** Serves GET /metrics alone, on a port of its own that is never published. */
  listenMetrics(port: number, host?: string): Promise<RunningServer>;
}

export interface RunningServer {
  port: number;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then closes. */
  close(graceMs?: number): Promise<void>;
}

/**
 * The HTTP skeleton every process shares: request ids, access metrics,
 * `/health/live`, `/health/ready` (all checks must pass), and `/metrics` on an
 * internal port of its own (listenMetrics): what the process is doing is not
 * for the public endpoint.
 */
export function createServiceHttp(options: {
  service: string;
  logger: Logger;
  readiness: ReadinessCheck[];
}): ServiceHttp {
  const { service, logger, readiness } = options;
  const metrics = new Registry();
  metrics.setDefaultLabels({ service });
  // Packages (the Kafka bus, the PDF renderer, the mailer) count into prom-client's shared registry.
  sharedMetrics.setDefaultLabels({ service });
  collectDefaultMetrics({ register: metrics });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [metrics],
  });
  let draining = false;
  let front: FrontHandler | undefined;
  // Each request gets its id, its timer and its server span once, whether the front handler or
  // Express sees it first; both run it inside them (a body read on stream events leaves the
  // request's async context, so Express's turn enters it again).
  const started = new WeakMap<ServerResponse, { requestId: string; span: ServerSpan | null }>();
  const tracked = (
    req: IncomingMessage & { route?: { path: string } },
    res: ServerResponse,
    handle: () => void,
  ) => {
    let request = started.get(res);
    if (!request) {
      const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
      res.setHeader(REQUEST_ID_HEADER, requestId);
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const method = req.method ?? 'GET';
      const stop = duration.startTimer({ method });
      // Probes every few seconds would bury the requests in traces.
      const span = path.startsWith('/health/')
        ? null
        : startServerSpan(method, req.headers, { 'http.request.method': method, 'url.path': path });
      res.on('finish', () => {
        const route = routeLabel(req.route?.path, path);
        stop({ route, status: res.statusCode });
        span?.end(res.statusCode, `${method} ${route}`);
      });
      request = { requestId, span };
      started.set(res, request);
    }
    const { requestId, span } = request;
    withRequestId(requestId, span ? () => span.run(handle) : handle);
  };

  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers POSTs, which no cache revalidates: hashing every body for an ETag is waste.
  app.set('etag', false);
  app.use((req, res, next) => tracked(req, res, next));
  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/health/ready', async (_req, res) => {
    const results = await Promise.all(
      readiness.map(
        async ({ name, check }) =>
          [name, await Promise.resolve(check()).catch(() => false)] as const,
      ),
    );
    const ready = !draining && results.every(([, ok]) => ok);
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'unavailable',
      draining,
      checks: Object.fromEntries(results),
    });
  });
  const metricsText = async () => {
    // Two texts, not Registry.merge: a merged registry drops each one's default labels.
    const [own, shared] = await Promise.all([metrics.metrics(), sharedMetrics.metrics()]);
    return `${own}\n${shared}`;
  };

  return {
    app,
    metrics,
    setDraining: () => (draining = true),
    serveFirst(handler) {
      if (front) throw new Error('serveFirst takes one handler');
      front = handler;
    },
    async listen(port, host = '0.0.0.0') {
      const server: Server = createServer((req, res) => {
        if (!front) return void app(req, res);
        const handler = front;
        tracked(req, res, () => handler(req, res, () => void app(req, res)));
      });
      const running = await serve(server, port, host);
      logger.info({ port: running.port }, `${service} listening`);
      return running;
    },
    async listenMetrics(port, host = '0.0.0.0') {
      const server = createServer((req, res) => {
        if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics')
          return void res.writeHead(404).end();
        metricsText().then(
          (text) => res.writeHead(200, { 'content-type': metrics.contentType }).end(text),
          (error: unknown) => {
            logger.error({ err: error }, 'metrics failed');
            res.writeHead(500).end();
          },
        );
      });
      const running = await serve(server, port, host);
      logger.info({ port: running.port }, `${service} metrics listening`);
      return running;
    },
  };
}

// Paths served without an Express route (the front handler's); any other path without a route
// is one label, so a caller cannot add series by inventing paths.
const KNOWN_PATHS = new Set(['/graphql']);

/** The `route` label of a request: its Express route, a known path, or `unmatched`. */
export function routeLabel(route: unknown, path: string): string {
  if (route !== undefined) return String(route);
  return KNOWN_PATHS.has(path) ? path : 'unmatched';
}

async function serve(server: Server, port: number, host: string): Promise<RunningServer> {
  server.listen(port, host);
  await once(server, 'listening');
  server.keepAliveTimeout = 65_000;
  return {
    port: (server.address() as AddressInfo).port,
    async close(graceMs = 10_000) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(timer);
    },
  };
}
