export { startTracing, type Tracing, type TracingOptions } from './setup';
export {
  currentTraceHeaders,
  inSpan,
  recordFailure,
  SpanKind,
  startServerSpan,
  type ServerSpan,
  type SpanOptions,
  type TraceHeaders,
} from './spans';
