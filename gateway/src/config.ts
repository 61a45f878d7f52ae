import {
  commaSeparated,
  commonEnv,
  kafkaSecurityEnv,
  loadConfigOrExit,
  parsedBy,
  serviceEnv,
  z,
} from '@portico/config';
import { resolve } from 'node:path';
import { SUBGRAPHS, type SubgraphName } from '@portico/schemas';
import { trustedProxies } from './client-address';

const subgraphUrl = (name: keyof typeof SUBGRAPHS) =>
  z.url().default(SUBGRAPHS[name].defaultUrl).describe(`${name} subgraph GraphQL URL`);

const limit = (fallback: number, what: string) =>
  z.coerce.number().int().min(1).default(fallback).describe(what);

const optionalLimit = (what: string) => z.coerce.number().int().min(1).optional().describe(what);

export const gatewayConfigSchema = z.object({
  ...commonEnv,
  PORT: commonEnv.PORT.default(4000),
  GATEWAY_SECRET: z
    .string()
    .min(16, 'must be at least 16 characters')
    .describe('shared secret sent to every subgraph'),
  JWKS_URL: serviceEnv.JWKS_URL,
  KAFKA_BROKERS: serviceEnv.KAFKA_BROKERS,
  ...kafkaSecurityEnv,
  IDENTITY_URL: subgraphUrl('identity'),
  CUSTOMER_URL: subgraphUrl('customer'),
  DOCUMENT_URL: subgraphUrl('document'),
  NOTIFICATION_URL: subgraphUrl('notification'),
  MAX_QUERY_DEPTH: limit(12, 'deepest selection nesting a query may have'),
  MAX_QUERY_ALIASES: limit(20, 'aliases a query may use (aliases multiply work)'),
  MAX_QUERY_COST: limit(5000, 'graphql-armor cost of a query (fields, depth, lists)'),
  MAX_QUERY_TOKENS: limit(3000, 'tokens a query document may have'),
  MAX_QUERY_DIRECTIVES: limit(20, 'directives a query may use'),
  MAX_BODY_BYTES: limit(1_000_000, 'largest request body accepted'),
  SUBGRAPH_TIMEOUT_MS: limit(10_000, 'longest a subgraph may take to answer one fetch'),
  IDENTITY_TIMEOUT_MS: optionalLimit('identity: overrides SUBGRAPH_TIMEOUT_MS'),
  CUSTOMER_TIMEOUT_MS: optionalLimit('customer: overrides SUBGRAPH_TIMEOUT_MS'),
  DOCUMENT_TIMEOUT_MS: optionalLimit('document: overrides SUBGRAPH_TIMEOUT_MS'),
  NOTIFICATION_TIMEOUT_MS: optionalLimit('notification: overrides SUBGRAPH_TIMEOUT_MS'),
  PUBLIC_URL: z
    .url()
    .default('http://localhost:4000')
    .describe("the portal's base URL; https there turns on HSTS"),
  WEB_ROOT: z
    .string()
    .default(resolve(__dirname, '../../web/dist'))
    .describe("the portal's built files (pnpm build:web)"),
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform(parsedBy((value) => trustedProxies(commaSeparated(value))))
    .describe(
      'comma-separated CIDRs of the load balancers in front; only their X-Forwarded-For is believed (empty: the peer is the client)',
    ),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
/** A subgraph's own fetch timeout, or the shared one. */
export function subgraphTimeoutMs(config: GatewayConfig, name: SubgraphName): number {
  const own = {
    identity: config.IDENTITY_TIMEOUT_MS,
    customer: config.CUSTOMER_TIMEOUT_MS,
    document: config.DOCUMENT_TIMEOUT_MS,
    notification: config.NOTIFICATION_TIMEOUT_MS,
  }[name];
  return own ?? config.SUBGRAPH_TIMEOUT_MS;
}

export const loadGatewayConfig = () => loadConfigOrExit(gatewayConfigSchema);
