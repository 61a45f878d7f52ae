import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import type { IncomingMessage } from 'node:http';
import express from 'express';
import { GraphQLError, type DocumentNode } from 'graphql';
import type { AuthContext, TokenVerifier } from '@portico/auth';
import { AppError, toGraphQLError } from '@portico/errors';
import {
  isGraphQLPost,
  readJsonBody,
  type ReadRequest,
  type ServiceHttp,
} from '@portico/lifecycle';
import { currentRequestId, type Logger } from '@portico/logger';
import { answerWithApollo } from './apollo-over-node-http';
import { requireGatewaySecret } from './gateway-secret';
import { guardRootFields } from './root-field-guard';

/** Headers the gateway sets with the end user's address and browser (trusted: only the gateway gets in). */
export const CLIENT_IP_HEADER = 'x-client-ip';
export const CLIENT_USER_AGENT_HEADER = 'x-client-user-agent';

// The gateway's calls are small; a larger body is refused before it is parsed.
const MAX_BODY_BYTES = 1_048_576;

/** The end user's address and browser, for the audit trail. */
export interface RequestClient {
  ip: string | null;
  userAgent: string | null;
}

/** What every resolver receives. */
export interface SubgraphContext {
  auth: AuthContext;
  requestId: string;
  logger: Logger;
  client: RequestClient;
}

export interface SubgraphOptions<TContext extends SubgraphContext> {
  typeDefs: DocumentNode;
  /**
   * Typed by the subgraph's generated `Resolvers` (services/<name>/src/generated/), which knows
   * `__resolveReference`; Apollo's GraphQLResolverMap does not, so it is only assumed here.
   */
  resolvers: Record<string, object>;
  verifier: TokenVerifier;
  gatewaySecret: string;
  logger: Logger;
  production: boolean;
  /** Adds service-specific members (repositories, loaders) to the base context. */
  extendContext: (base: SubgraphContext) => TContext;
}

/**
 * Mounts a federated subgraph on `/graphql`. Only the gateway gets in; the
 * bearer token is verified here again (never trust the gateway's word alone).
 */
export async function serveSubgraph<TContext extends SubgraphContext>(
  http: ServiceHttp,
  options: SubgraphOptions<TContext>,
): Promise<ApolloServer<TContext>> {
  const { logger } = options;
  const maskedErrorLogger: ApolloServerPlugin<TContext> = {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (!(error.originalError instanceof AppError) && !error.extensions?.code) {
              logger.error(
                { err: error.originalError ?? error, path: error.path },
                'resolver failed',
              );
            }
          }
        },
      };
    },
  };
  const server = new ApolloServer<TContext>({
    schema: buildSubgraphSchema([
      {
        typeDefs: options.typeDefs,
        resolvers: guardRootFields(options.resolvers as GraphQLResolverMap<TContext>),
      },
    ]),
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    // Our shutdown stops Apollo in its place in the order; Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // No cache hints are used; the plugin would wrap every field resolver in a hook.
      ApolloServerPluginCacheControlDisabled(),
      maskedErrorLogger,
    ],
    formatError: (formatted, error) => {
      const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
      return toGraphQLError(formatted, original, currentRequestId()).error;
    },
  });
  await server.start();

  const contextOf = async (req: IncomingMessage): Promise<TContext> => {
    let auth: AuthContext;
    try {
      auth = await options.verifier.authenticate(req.headers.authorization);
    } catch (error) {
      const message = error instanceof AppError ? error.message : 'Invalid access token';
      throw new GraphQLError(message, {
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      });
    }
    const header = (name: string) => {
      const value = req.headers[name];
      return typeof value === 'string' ? value.slice(0, 512) : null;
    };
    return options.extendContext({
      auth,
      requestId: currentRequestId() ?? 'none',
      logger,
      client: { ip: header(CLIENT_IP_HEADER), userAgent: header(CLIENT_USER_AGENT_HEADER) },
    });
  };
  const fromGatewayOnly = requireGatewaySecret(options.gatewaySecret);

  // Every call the gateway makes (a JSON POST) is answered on node:http, before Express.
  http.serveFirst((req: ReadRequest, res, next) => {
    if (!isGraphQLPost(req)) return next();
    fromGatewayOnly(req, res, () =>
      readJsonBody(req, res, MAX_BODY_BYTES, () => {
        if (!('body' in req)) return next(); // not JSON: Express and Apollo say why
        answerWithApollo(server, req, req.body, res, () => contextOf(req)).catch(
          (error: unknown) => {
            logger.error({ err: error }, 'answering a GraphQL request failed');
            if (!res.headersSent) res.writeHead(500);
            res.end();
          },
        );
      }),
    );
  });
  http.app.use(
    '/graphql',
    fromGatewayOnly,
    express.json({ limit: MAX_BODY_BYTES }),
    expressMiddleware(server, { context: ({ req }) => contextOf(req) }),
  );
  return server;
}
