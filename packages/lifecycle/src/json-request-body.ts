import { AsyncResource } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request whose body was read and parsed ahead, in `body`. */
export type ReadRequest = IncomingMessage & { body?: unknown };

/**
 * Reads a POST's JSON body (UTF-8, at most `maxBytes`) into `req.body`, then
 * calls `next`; Express's JSON parser later sees a finished request and leaves
 * the body as it is. A body too large is refused with 413, one that is not
 * JSON with 400, both as a GraphQL error with code BAD_REQUEST. Requests of
 * another type or charset go to `next` unread.
 */
export function readJsonBody(
  req: ReadRequest,
  res: ServerResponse,
  maxBytes: number,
  next: () => void,
): void {
  // The body's events come in the socket's async context: `next` runs in the caller's (its
  // request id and log context), not in theirs.
  next = AsyncResource.bind(next);
  if (!isUtf8Json(req.headers['content-type'])) return next();
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) return refuse(res, 413, tooLarge(maxBytes));
  const chunks: Buffer[] = [];
  let size = 0;
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size <= maxBytes) return void chunks.push(chunk);
    req.off('data', onData).off('end', onEnd);
    refuse(res, 413, tooLarge(maxBytes));
  };
  const onEnd = () => {
    try {
      req.body = JSON.parse(Buffer.concat(chunks, size).toString('utf8'));
    } catch {
      return refuse(res, 400, 'The request body is not valid JSON');
    }
    next();
  };
  req.on('data', onData).on('end', onEnd);
}

function isUtf8Json(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type, ...parameters] = contentType.toLowerCase().split(';');
  if (type!.trim() !== 'application/json') return false;
  const charset = parameters.map((p) => p.trim()).find((p) => p.startsWith('charset='));
  return !charset || charset === 'charset=utf-8';
}

const tooLarge = (maxBytes: number) => `The request body is larger than ${maxBytes} bytes`;

/** The rest of the body is not read: the connection closes after the answer. */
function refuse(res: ServerResponse, status: number, message: string): void {
  const text = JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    connection: 'close',
  });
  res.end(text);
}
