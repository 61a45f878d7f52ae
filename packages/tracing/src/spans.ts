import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';

export { SpanKind };

// Asked for each time: a tracer kept would stay with a provider that startTracing replaced.
const tracer = () => trace.getTracer('portico');

// The getter pair propagation.extract reads headers with; one for all requests.
const headerGetter = {
  keys: (carrier: Record<string, string | string[] | undefined>) => Object.keys(carrier),
  get: (carrier: Record<string, string | string[] | undefined>, key: string) => carrier[key],
};

/** Trace context headers (`traceparent`, `tracestate`) as a plain record. */
export type TraceHeaders = Record<string, string>;

/** The W3C trace context of the span running now; empty when tracing is off or nothing runs. */
export function currentTraceHeaders(): TraceHeaders {
  const carrier: TraceHeaders = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** The context a caller (an HTTP client, a Kafka producer) passed on in its headers. */
function contextFrom(headers: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(context.active(), headers, headerGetter);
}

/** Marks a span failed with `error`, for work that fails without throwing (a dead-lettered event). */
export function recordFailure(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR });
}

/** A span ended with the error recorded when `error` is set. */
function finish(span: Span, error?: unknown): void {
  if (error !== undefined) recordFailure(span, error);
  span.end();
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** Trace context headers the work continues (a request's, a message's); else the current span. */
  parentHeaders?: Record<string, string | string[] | undefined>;
}

/**
 * Runs `work` inside a new span, the child of the current span (or of the
 * context in `parentHeaders`); the span ends when `work` settles, with its error.
 */
export async function inSpan<T>(
  name: string,
  options: SpanOptions,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.parentHeaders ? contextFrom(options.parentHeaders) : context.active();
  const span = tracer().startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL }, parent);
  // Set after sampling: most spans are not recorded, and checking attributes costs.
  if (options.attributes && span.isRecording()) span.setAttributes(options.attributes);
  try {
    const result = await context.with(trace.setSpan(parent, span), () => work(span));
    finish(span);
    return result;
  } catch (error) {
    finish(span, error);
    throw error;
  }
}

/** An HTTP request's server span, open until the response is done. */
export interface ServerSpan {
  /** Runs the request's handling with this span as the current one. */
  run<T>(handle: () => T): T;
  /** Ends it; `name` names it by what was served (e.g. "POST /graphql"), known only by then. */
  end(statusCode: number, name: string): void;
}

/** Starts the server span of an incoming request, continuing the caller's trace if it sent one. */
export function startServerSpan(
  name: string,
  headers: Record<string, string | string[] | undefined>,
  attributes: Attributes,
): ServerSpan {
  const parent = contextFrom(headers);
  const span = tracer().startSpan(name, { kind: SpanKind.SERVER }, parent);
  if (span.isRecording()) span.setAttributes(attributes);
  return new RequestSpan(span, trace.setSpan(parent, span));
}

// A class, not an object of closures: one is made per request, on the hot path.
class RequestSpan implements ServerSpan {
  constructor(
    private readonly span: Span,
    private readonly active: Context,
  ) {}

  run<T>(handle: () => T): T {
    return context.with(this.active, handle);
  }

  end(statusCode: number, name: string): void {
    const { span } = this;
    if (span.isRecording()) {
      span.updateName(name);
      span.setAttribute('http.response.status_code', statusCode);
      if (statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
  }
}
