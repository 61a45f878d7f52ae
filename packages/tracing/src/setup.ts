import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  TracerProvider,
} from '@opentelemetry/sdk-trace';

export interface TracingOptions {
  /** service.name of every span this process records, e.g. "gateway". */
  service: string;
  /** OTLP/HTTP collector base URL; spans go to `<endpoint>/v1/traces`. Unset: tracing stays off. */
  endpoint: string | undefined;
  /** Share of new traces recorded (0..1). A trace a caller started keeps the caller's decision. */
  sampleRatio: number;
}

export interface Tracing {
  /** Sends the spans still queued and stops; safe to call when tracing is off. */
  shutdown(): Promise<void>;
}

/**
 * Turns tracing on for this process when an endpoint is set. Off, the
 * OpenTelemetry API stays a no-op: spans cost a function call and no
 * traceparent leaves the process.
 */
export function startTracing(options: TracingOptions): Tracing {
  if (!options.endpoint) return { shutdown: async () => {} };
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.service }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(options.sampleRatio) }),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: new OTLPTraceExporter({
          url: `${options.endpoint.replace(/\/$/, '')}/v1/traces`,
        }),
        scheduledDelayMillis: 1_000,
      }),
    ],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return {
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
