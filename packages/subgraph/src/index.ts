export { GATEWAY_SECRET_HEADER, requireGatewaySecret } from './gateway-secret';
export {
  CLIENT_IP_HEADER,
  CLIENT_USER_AGENT_HEADER,
  serveSubgraph,
  type SubgraphContext,
  type SubgraphOptions,
} from './serve-subgraph';
export { oncePerKey, sharedWhileRunning, type OncePerKey } from './once-per-key';
export { RecentReads, type RecentReadsOptions } from './recent-reads';
export { selectsPath } from './selects-path';
