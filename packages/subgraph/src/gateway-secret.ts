import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

/** Header the gateway adds to every subgraph request (RemoteGraphQLDataSource.willSendRequest). */
export const GATEWAY_SECRET_HEADER = 'x-gateway-secret';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** 401 before GraphQL runs (`_service` and `_entities` included) for anyone but the gateway. */
export function requireGatewaySecret(secret: string): RequestHandler {
  const expected = digest(secret);
  return (req, res, next) => {
    const given = req.headers[GATEWAY_SECRET_HEADER];
    if (typeof given === 'string' && timingSafeEqual(digest(given), expected)) return next();
    res.status(401).json({
      errors: [
        { message: 'Subgraphs answer only the gateway', extensions: { code: 'UNAUTHENTICATED' } },
      ],
    });
  };
}
