export interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; field?: string } }[];
}

/** Posts one GraphQL operation to the gateway; for tests and demo seeding. */
export async function graphqlRequest<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse<T> & { status: number }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as GraphQLResponse<T>) };
}

/** Like graphqlRequest, but fails on any error and returns the data. */
export async function graphqlData<T = Record<string, unknown>>(
  ...args: Parameters<typeof graphqlRequest>
): Promise<T> {
  const result = await graphqlRequest<T>(...args);
  if (result.errors?.length || !result.data) {
    throw new Error(`GraphQL errors (${result.status}): ${JSON.stringify(result.errors)}`);
  }
  return result.data;
}

/** Retries `attempt` until it returns a value (events take a moment to cross services). */
export async function eventually<T>(
  attempt: () => Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
