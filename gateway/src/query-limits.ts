import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GatewayConfig } from './config';

/**
 * Limits every operation before it is planned (graphql-armor): depth,
 * aliases, cost, tokens and directives, each from the configuration. Field
 * suggestions are off, so error messages do not reveal the schema.
 */
export function queryLimits(config: GatewayConfig) {
  return new ApolloArmor({
    maxDepth: { n: config.MAX_QUERY_DEPTH },
    maxAliases: { n: config.MAX_QUERY_ALIASES },
    costLimit: { maxCost: config.MAX_QUERY_COST },
    maxTokens: { n: config.MAX_QUERY_TOKENS },
    maxDirectives: { n: config.MAX_QUERY_DIRECTIVES },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}
