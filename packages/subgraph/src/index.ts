export { GATEWAY_SECRET_HEADER, requireGatewaySecret } from './gateway-secret';
export {
  CLIENT_IP_HEADER,
  CLIENT_USER_AGENT_HEADER,
  serveSubgraph,
  type RequestClient,
  type SubgraphContext,
  type SubgraphOptions,
} from './serve-subgraph';
export { selectsPath } from './selects-path';
export { isoOrNull } from './iso-time';
