import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { GraphQLError } from 'graphql';
import { Agent, errors } from 'undici';
import { REQUEST_ID_HEADER } from '@portico/logger';
import { currentTraceHeaders, inSpan, SpanKind } from '@portico/tracing';
import {
  CLIENT_IP_HEADER,
  CLIENT_USER_AGENT_HEADER,
  GATEWAY_SECRET_HEADER,
} from '@portico/subgraph';
import type { WebSession } from './web-session';
import { InFlightQueries, type SubgraphAnswer } from './in-flight-queries';

type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** What the gateway knows of the incoming request and passes on. */
export interface GatewayContext {
  authorization: string | undefined;
  requestId: string;
  clientIp: string | null;
  userAgent: string | null;
  /** Set on the web portal's session requests, whose tokens travel in cookies. */
  webSession?: WebSession;
}

export interface SubgraphConnection {
  /** The longest a subgraph may take to answer one fetch. */
  timeoutMs: number;
  /** Keep-alive sockets to it, shared by all requests. */
  agent: Agent;
}

/** One keep-alive pool per subgraph: a request reuses a warm socket instead of a TCP handshake. */
export function keepAliveAgent(): Agent {
  return new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000, connections: 64 });
}

/**
 * Calls a subgraph with the gateway secret (so the subgraph answers), the
 * caller's bearer token (so the subgraph authorizes for itself), the request
 * id (so logs join up) and the end user's address and browser (for audit).
 *
 * It posts with undici's own request API on the subgraph's keep-alive pool,
 * headers and body in one write, and parses the answer once. Apollo's
 * RemoteGraphQLDataSource built a node-fetch Request and read a fetch
 * Response through web streams: CPU profiles of the gateway under load showed
 * those steps as about a sixth of its time. A subgraph that takes longer
 * than the timeout to answer (or to go on writing) fails with
 * GATEWAY_TIMEOUT; identical queries in flight at once share one call (see
 * InFlightQueries).
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly inFlight = new InFlightQueries();
  private readonly origin: string;
  private readonly path: string;

  constructor(
    url: string,
    private readonly secret: string,
    private readonly connection: SubgraphConnection,
  ) {
    const { origin, pathname, search } = new URL(url);
    this.origin = origin;
    this.path = pathname + search;
  }

  async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<SubgraphResponse> {
    const { query, variables, operationName, extensions } = options.request;
    if (!query) throw new Error('Missing query');
    // Health checks and schema loading carry no caller.
    const caller =
      options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION ? options.context : null;
    const answer = await this.send({ query, variables, operationName, extensions }, caller);
    if (answer.status < 200 || answer.status > 299) throw errorFromAnswer(answer);
    const parsed: unknown = JSON.parse(answer.text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error(`Expected a JSON object from the subgraph, but received: ${answer.text}`);
    return parsed as SubgraphResponse;
  }

  /** One operation to the subgraph, on behalf of `caller`; its answer as sent. */
  send(
    request: { query: string; variables?: unknown; operationName?: string; extensions?: unknown },
    caller: GatewayContext | null,
  ): Promise<SubgraphAnswer> {
    const headers = this.headersFor(caller);
    const body = JSON.stringify(request);
    return this.inFlight.run(this.origin + this.path, headers, { query: request.query, body }, () =>
      this.post(headers, body),
    );
  }

  private headersFor(caller: GatewayContext | null) {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [GATEWAY_SECRET_HEADER]: this.secret,
    };
    if (!caller) return headers;
    const { authorization, requestId, clientIp, userAgent } = caller;
    if (authorization) headers.authorization = authorization;
    headers[REQUEST_ID_HEADER] = requestId;
    if (clientIp) headers[CLIENT_IP_HEADER] = clientIp;
    if (userAgent) headers[CLIENT_USER_AGENT_HEADER] = userAgent;
    return headers;
  }

  /** The call itself, in a client span whose trace context goes along (added after sharing). */
  private post(headers: Record<string, string>, body: string): Promise<SubgraphAnswer> {
    return inSpan(
      `POST ${this.origin}${this.path}`,
      {
        kind: SpanKind.CLIENT,
        attributes: { 'server.address': this.origin, 'url.path': this.path },
      },
      async (span) => {
        const answer = await this.postNow({ ...headers, ...currentTraceHeaders() }, body);
        span.setAttribute('http.response.status_code', answer.status);
        return answer;
      },
    );
  }

  private async postNow(headers: Record<string, string>, body: string): Promise<SubgraphAnswer> {
    const { agent, timeoutMs } = this.connection;
    try {
      // undici's own timeouts, cleared with the request: an AbortSignal.timeout per fetch kept a
      // timer that fired later anyway (making a DOMException each time, in profiles 1/12 of the
      // gateway's CPU). A subgraph writes its answer at once, so waiting for headers is the fetch.
      const answer = await agent.request({
        origin: this.origin,
        path: this.path,
        method: 'POST',
        headers,
        body,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      return { status: answer.statusCode, text: await answer.body.text() };
    } catch (error) {
      if (!(
        error instanceof errors.HeadersTimeoutError || error instanceof errors.BodyTimeoutError
      ))
        throw error;
      throw new GraphQLError(`A service did not answer within ${timeoutMs} ms`, {
        extensions: { code: 'GATEWAY_TIMEOUT' },
      });
    }
  }
}

/** A non-2xx answer as Apollo's own data source reports it: status, body, and 401/403 codes. */
export function errorFromAnswer({ status, text }: SubgraphAnswer): GraphQLError {
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the text itself
  }
  const code = status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : undefined;
  return new GraphQLError(`${status}: subgraph answered with an error status`, {
    extensions: { ...(code && { code }), response: { status, body } },
  });
}
