import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { toGraphQLError } from '@portico/errors';
import { currentRequestId, type Logger } from '@portico/logger';

/**
 * How the gateway shows an error to a client: subgraph errors pass with their
 * code and field, anything unexpected is masked with the request id (and
 * logged). Apollo's formatError and the direct fetches (see direct-fetches.ts)
 * both answer through it.
 */
export function gatewayErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    const { error: shown, masked } = toGraphQLError(formatted, original, currentRequestId());
    if (masked) logger.error({ err: original }, 'gateway error');
    return shown;
  };
}
