import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { REQUEST_ID_HEADER } from '@portico/logger';
import {
  CLIENT_IP_HEADER,
  CLIENT_USER_AGENT_HEADER,
  GATEWAY_SECRET_HEADER,
} from '@portico/subgraph';

/** What the gateway knows of the incoming request and passes on. */
export interface GatewayContext {
  authorization: string | undefined;
  requestId: string;
  clientIp: string | null;
  userAgent: string | null;
}

/**
 * Calls a subgraph with the gateway secret (so the subgraph answers), the
 * caller's bearer token (so the subgraph authorizes for itself), the request
 * id (so logs join up) and the end user's address and browser (for audit).
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly secret: string,
  ) {
    super({ url });
  }

  override willSendRequest({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http!.headers;
    headers.set(GATEWAY_SECRET_HEADER, this.secret);
    if (!('requestId' in context)) return; // health checks and schema loading carry no caller
    if (context.authorization) headers.set('authorization', context.authorization);
    headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context.clientIp) headers.set(CLIENT_IP_HEADER, context.clientIp);
    if (context.userAgent) headers.set(CLIENT_USER_AGENT_HEADER, context.userAgent);
  }
}
