import { commonEnv, loadConfigOrExit, z } from '@portico/config';
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
  JWKS_URL: z.url().describe("identity's JSON Web Key Set used to verify access tokens"),
  IDENTITY_URL: subgraphUrl('identity'),
  CUSTOMER_URL: subgraphUrl('customer'),
  DOCUMENT_URL: subgraphUrl('document'),
  NOTIFICATION_URL: subgraphUrl('notification'),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
export const loadGatewayConfig = () => loadConfigOrExit(gatewayConfigSchema);
