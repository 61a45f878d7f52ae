import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The one list of error codes clients see in `extensions.code`. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'RATE_LIMITED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * A domain error: safe to show the caller (its message is written for them),
 * with a code and, for bad input, the offending field.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const badInput = (field: string, message: string) =>
  new AppError('BAD_USER_INPUT', message, field);
export const unauthenticated = (message = 'Sign in first') =>
  new AppError('UNAUTHENTICATED', message);
export const forbidden = (message = 'Not allowed') => new AppError('FORBIDDEN', message);
export const conflict = (field: string, message: string) =>
  new AppError('CONFLICT', message, field);

/**
 * What a non-null field points to; NOT_FOUND when it is gone (deleted meanwhile), rather than
 * graphql-js's masked "Cannot return null for non-nullable field".
 */
export async function found<T>(lookup: Promise<T | null>, what: string): Promise<T> {
  const record = await lookup;
  if (record === null) throw notFound(what);
  return record;
}

/** Codes Apollo and graphql-js raise for malformed requests; shown as they are. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'GATEWAY_TIMEOUT', // a subgraph did not answer in time (the gateway's per-subgraph timeout)
  ...ERROR_CODES,
]);

/**
 * The one mapping from thrown errors to what the transport shows: domain
 * errors with their code and field, request errors as they are, everything
 * else masked with the request id that finds the log line.
 */
export function toGraphQLError(
  formatted: GraphQLFormattedError,
  original: unknown,
  requestId: string | undefined,
): { error: GraphQLFormattedError; masked: boolean } {
  if (original instanceof AppError) {
    return {
      masked: false,
      error: {
        ...formatted,
        message: original.message,
        extensions: { code: original.code, ...(original.field ? { field: original.field } : {}) },
      },
    };
  }
  const code = formatted.extensions?.code;
  if (
    typeof code === 'string' &&
    REQUEST_ERROR_CODES.has(code) &&
    !(original instanceof Error && !(original instanceof GraphQLError))
  ) {
    // The gateway adds serviceName: callers need not learn the topology.
    const {
      stacktrace: _stacktrace,
      serviceName: _serviceName,
      ...extensions
    } = formatted.extensions ?? {};
    return { masked: false, error: { ...formatted, extensions } };
  }
  // Apollo's own refusals of a request (e.g. an APQ hash that is not the query's) carry a 4xx status but no code.
  const status = (original as { extensions?: { http?: { status?: number } } } | undefined)
    ?.extensions?.http?.status;
  if (original instanceof GraphQLError && status !== undefined && status >= 400 && status < 500)
    return {
      masked: false,
      error: { message: formatted.message, extensions: { code: 'BAD_REQUEST' } },
    };
  return {
    masked: true,
    error: {
      message: `Internal server error (request ${requestId ?? 'unknown'})`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
    },
  };
}
