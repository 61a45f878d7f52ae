import { GraphQLError } from 'graphql';
import { AppError, badInput, toGraphQLError } from './index';

describe('toGraphQLError', () => {
  it('shows a domain error with its code and field', () => {
    const { error, masked } = toGraphQLError(
      { message: 'x', path: ['createCustomer'] },
      badInput('input.email', 'Not an email address'),
      'r1',
    );
    expect(masked).toBe(false);
    expect(error).toEqual({
      message: 'Not an email address',
      path: ['createCustomer'],
      extensions: { code: 'BAD_USER_INPUT', field: 'input.email' },
    });
  });

  it('keeps request errors without their stack or the subgraph name', () => {
    const original = new GraphQLError('Cannot query field "x"', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const { error, masked } = toGraphQLError(
      {
        message: original.message,
        extensions: {
          code: 'GRAPHQL_VALIDATION_FAILED',
          stacktrace: ['at x'],
          serviceName: 'customer',
        },
      },
      original,
      'r1',
    );
    expect(masked).toBe(false);
    expect(error.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('masks anything else and points at the request id', () => {
    const { error, masked } = toGraphQLError(
      {
        message: 'connection refused 10.0.0.3:27017',
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
      new Error('connection refused 10.0.0.3:27017'),
      'req-42',
    );
    expect(masked).toBe(true);
    expect(error.message).toBe('Internal server error (request req-42)');
    expect(JSON.stringify(error)).not.toContain('10.0.0.3');
    expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-42' });
  });

  it('does not let a plain error pretend to be a domain error through its code', () => {
    const sneaky = Object.assign(new Error('secret detail'), { extensions: { code: 'NOT_FOUND' } });
    const { masked } = toGraphQLError(
      { message: 'secret detail', extensions: { code: 'NOT_FOUND' } },
      sneaky,
      'r',
    );
    expect(masked).toBe(true);
    expect(new AppError('NOT_FOUND', 'Customer not found').code).toBe('NOT_FOUND');
  });

  it('shows a request the server refused with a 4xx status as BAD_REQUEST', () => {
    const refused = new GraphQLError('provided sha does not match query', {
      extensions: { http: { status: 400 } },
    });
    const { error, masked } = toGraphQLError(
      { message: refused.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      refused,
      'r',
    );
    expect(masked).toBe(false);
    expect(error).toEqual({
      message: 'provided sha does not match query',
      extensions: { code: 'BAD_REQUEST' },
    });
    // A 5xx status is still masked.
    const failing = new GraphQLError('db down', { extensions: { http: { status: 503 } } });
    expect(toGraphQLError({ message: 'db down' }, failing, 'r').masked).toBe(true);
  });
});
