export { GATEWAY_SECRET_HEADER, requireGatewaySecret } from './gateway-secret';
export { serveSubgraph, type SubgraphContext, type SubgraphOptions } from './serve-subgraph';
