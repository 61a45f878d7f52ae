import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

/**
 * Answers a GraphQL request whose JSON body was read already (`body`) with
 * Apollo Server, on node:http alone: what `@as-integrations/express5` does,
 * without Express's router, `res.send` and the JSON parser in the way of
 * every subgraph call.
 */
export async function answerWithApollo<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  req: IncomingMessage,
  body: unknown,
  res: ServerResponse,
  context: () => Promise<TContext>,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  const answer = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: req.method!.toUpperCase(),
      headers,
      search: query === -1 ? '' : url.slice(query),
      body,
    },
    context,
  });
  for (const [name, value] of answer.headers) res.setHeader(name, value);
  res.statusCode = answer.status ?? 200;
  if (answer.body.kind === 'complete') {
    res.setHeader('content-length', Buffer.byteLength(answer.body.string));
    res.end(answer.body.string);
    return;
  }
  for await (const chunk of answer.body.asyncIterator) res.write(chunk);
  res.end();
}
