import { commonEnv, loadConfigOrExit, serviceEnv, z } from '@portico/config';
import { SUBGRAPHS } from '@portico/schemas';

const subgraphUrl = (name: keyof typeof SUBGRAPHS) =>
  z.url().default(SUBGRAPHS[name].defaultUrl).describe(`${name} subgraph GraphQL URL`);

export const gatewayConfigSchema = z.object({
  ...commonEnv,
  PORT: commonEnv.PORT.default(4000),
  GATEWAY_SECRET: z
    .string()
    .min(16, 'must be at least 16 characters')
    .describe('shared secret sent to every subgraph'),
  JWKS_URL: serviceEnv.JWKS_URL,
  KAFKA_BROKERS: serviceEnv.KAFKA_BROKERS,
  IDENTITY_URL: subgraphUrl('identity'),
  CUSTOMER_URL: subgraphUrl('customer'),
  DOCUMENT_URL: subgraphUrl('document'),
  NOTIFICATION_URL: subgraphUrl('notification'),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
export const loadGatewayConfig = () => loadConfigOrExit(gatewayConfigSchema);
