import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { Counter, type Registry } from 'prom-client';
import type { DirectFetchRoutes } from './direct-fetch-routes';
import type { ReadRequest } from '@portico/lifecycle';
import {
  errorFromAnswer,
  type GatewayContext,
  type SubgraphDataSource,
} from './subgraph-data-source';

interface PlainRequest {
  query: string;
  operationName: string | undefined;
  variables: Record<string, unknown>;
}

export interface DirectFetchOptions {
  routes: DirectFetchRoutes;
  dataSources: ReadonlyMap<string, SubgraphDataSource>;
  /** The caller, or null when the token does not pass (the full path then answers with the error). */
  callerOf: (req: IncomingMessage) => Promise<GatewayContext | null>;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  metrics: Registry;
}

/**
 * Answers an operation whose plan is one subgraph call (see
 * direct-fetch-routes.ts) with that call alone: the caller is authenticated
 * as for every request, the planner's operation goes to the subgraph on
 * behalf of the caller, and a clean answer is passed back as the subgraph
 * wrote it. Subgraph errors are shown as the full path shows them.
 *
 * Everything else goes on to Apollo: operations not yet planned or not
 * routes, batches, persisted-query hashes, callers the token check refuses,
 * clients that ask for another response type, and requests the subgraph
 * refused before running them (a 4xx status): `next` hands them on.
 *
 * It uses node:http alone, so the gateway can serve it ahead of Express.
 */
export function directFetches(
  options: DirectFetchOptions,
): (req: ReadRequest, res: ServerResponse, next: () => void) => void {
  const { routes, dataSources, callerOf, formatError } = options;
  const served = new Counter({
    name: 'gateway_direct_fetches_total',
    help: 'Operations answered by one subgraph call without the full gateway pipeline',
    labelNames: ['subgraph'],
    registers: [options.metrics],
  });
  const failed = (res: ServerResponse, error: GraphQLError) =>
    send(res, {
      errors: [formatError({ message: error.message, extensions: error.extensions }, error)],
      data: null,
    });
  const serve = async (req: ReadRequest, res: ServerResponse, next: () => void) => {
    const request = plainRequest(req);
    const route = request && routes.find(request.query, request.operationName);
    const source = route && dataSources.get(route.serviceName);
    if (!request || !route || !source || !acceptsJson(req)) return next();
    const caller = await callerOf(req);
    if (!caller) return next();
    const variables = Object.fromEntries(
      route.variableNames
        .filter((name) => name in request.variables)
        .map((name) => [name, request.variables[name]]),
    );
    let text: string;
    try {
      const answer = await source.send(
        { query: route.operation, operationName: route.operationName, variables },
        caller,
      );
      // A 4xx: the subgraph refused the request before running it (bad variables, say), and
      // Apollo explains why. Anything else is not run again: a mutation may have happened.
      if (answer.status >= 400 && answer.status < 500) return next();
      if (answer.status !== 200) return failed(res, errorFromAnswer(answer));
      text = answer.text;
    } catch (error) {
      // A timeout carries its code; anything else (a refused connection) is masked and logged.
      return failed(res, asGraphQLError(error));
    }
    served.inc({ subgraph: route.serviceName });
    if (isDataAlone(text)) return send(res, text);
    const answer = JSON.parse(text) as { data?: unknown; errors?: SubgraphError[] };
    send(res, {
      errors: answer.errors?.map((error) => shown(error, route.serviceName, formatError)),
      data: answer.data ?? null,
    });
  };
  return (req, res, next) => {
    serve(req, res, next).catch((error: unknown) => {
      // A fault of our own: masked for the caller, logged with the request id by the formatter.
      if (!res.headersSent) failed(res, asGraphQLError(error));
    });
  };
}

/** A GraphQLError as it is (it carries its code); anything else wrapped, for the formatter to mask. */
function asGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  const original = error instanceof Error ? error : new Error(String(error));
  return new GraphQLError(original.message, { originalError: original });
}

/**
 * Whether a subgraph's answer holds data and nothing else, without parsing it:
 * Apollo Server writes `errors` before `data` and `extensions` after it, and
 * no field of ours is named `extensions` (inside a string its quotes would be
 * escaped).
 */
export function isDataAlone(text: string): boolean {
  return text.startsWith('{"data":') && !text.includes('"extensions":');
}

interface SubgraphError {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

/** A subgraph's error as the full path shows it (Apollo's gateway adds the service's name first). */
function shown(
  error: SubgraphError,
  serviceName: string,
  formatError: DirectFetchOptions['formatError'],
): GraphQLFormattedError {
  const formatted = {
    message: error.message,
    ...(error.path && { path: error.path }),
    extensions: { ...error.extensions, serviceName },
  };
  return formatError(formatted, error);
}

/** One operation with its text, as Apollo takes it: no batch, no persisted-query extension. */
function plainRequest(req: ReadRequest): PlainRequest | null {
  const body: unknown = req.body;
  if (req.method !== 'POST' || typeof body !== 'object' || body === null || Array.isArray(body))
    return null;
  const { query, operationName, variables, extensions } = body as Record<string, unknown>;
  if (typeof query !== 'string' || extensions !== undefined) return null;
  if (operationName != null && typeof operationName !== 'string') return null;
  if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) return null;
  return {
    query,
    operationName: operationName ?? undefined,
    variables: (variables ?? {}) as Record<string, unknown>,
  };
}

/**
 * Plain JSON answers only: a client asking for application/graphql-response+json, or for the
 * query plan (a development header), goes to Apollo.
 */
function acceptsJson(req: IncomingMessage): boolean {
  const accept = req.headers.accept;
  if (req.headers['apollo-query-plan-experimental'] !== undefined) return false;
  return !accept || !accept.includes('application/graphql-response+json');
}

/** Headers and body in one write: a string body lets node:http send them together. */
function send(res: ServerResponse, body: string | object): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
