import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Header the gateway adds to every subgraph request (RemoteGraphQLDataSource.willSendRequest). */
export const GATEWAY_SECRET_HEADER = 'x-gateway-secret';

const digest = (value: string) => createHash('sha256').update(value).digest();
const NOT_THE_GATEWAY = JSON.stringify({
  errors: [
    { message: 'Subgraphs answer only the gateway', extensions: { code: 'UNAUTHENTICATED' } },
  ],
});

/**
 * 401 before GraphQL runs (`_service` and `_entities` included) for anyone
 * but the gateway: `next` runs only for a request carrying the secret. A
 * plain node:http handler, so it serves Express and the server's front alike.
 */
export function requireGatewaySecret(
  secret: string,
): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const expected = digest(secret);
  return (req, res, next) => {
    const given = req.headers[GATEWAY_SECRET_HEADER];
    if (typeof given === 'string' && timingSafeEqual(digest(given), expected)) return next();
    res.writeHead(401, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(NOT_THE_GATEWAY),
    });
    res.end(NOT_THE_GATEWAY);
  };
}
