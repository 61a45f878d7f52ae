import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import express, { type Express } from 'express';
import { GraphQLError, type DocumentNode } from 'graphql';
import type { AuthContext, TokenVerifier } from '@portico/auth';
import { AppError, toGraphQLError } from '@portico/errors';
import { currentRequestId, type Logger } from '@portico/logger';
import { requireGatewaySecret } from './gateway-secret';

/** Headers the gateway sets with the end user's address and browser (trusted: only the gateway gets in). */
export const CLIENT_IP_HEADER = 'x-client-ip';
export const CLIENT_USER_AGENT_HEADER = 'x-client-user-agent';

/** What every resolver receives. */
export interface SubgraphContext {
  auth: AuthContext;
  requestId: string;
  logger: Logger;
  /** The end user's address and browser, for the audit trail. */
  client: { ip: string | null; userAgent: string | null };
}

export interface SubgraphOptions<TContext extends SubgraphContext> {
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
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
  app: Express,
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
    schema: buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers: options.resolvers }]),
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

  app.use(
    '/graphql',
    requireGatewaySecret(options.gatewaySecret),
    express.json({ limit: '1mb' }),
    expressMiddleware(server, {
      context: async ({ req }) => {
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
      },
    }),
  );
  return server;
}
