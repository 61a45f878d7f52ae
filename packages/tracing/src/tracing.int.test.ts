import { startTraceCollector, type TraceCollector } from '@portico/local-infra';
import { currentTraceHeaders, inSpan, SpanKind, startTracing } from '.';

let collector: TraceCollector;
beforeAll(async () => (collector = await startTraceCollector()));
afterAll(() => collector.close());

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/;

it('is off without an endpoint: work runs, no trace context leaves the process', async () => {
  const tracing = startTracing({ service: 'test', endpoint: undefined, sampleRatio: 1 });
  const inside = await inSpan('quiet', {}, async () => currentTraceHeaders());
  expect(inside).toEqual({});
  await tracing.shutdown();
  expect(collector.spans).toEqual([]);
});

it('exports spans over OTLP, nested as they ran, and passes the context on', async () => {
  const tracing = startTracing({ service: 'tested', endpoint: collector.endpoint, sampleRatio: 1 });
  const { outer, inner } = await inSpan('outer', { kind: SpanKind.SERVER }, async () => ({
    outer: currentTraceHeaders().traceparent!,
    inner: await inSpan('inner', {}, async () => currentTraceHeaders().traceparent!),
  }));
  await expect(
    inSpan('failing', {}, () => Promise.reject(new Error('broken on purpose'))),
  ).rejects.toThrow('broken on purpose');
  await tracing.shutdown(); // sends what is queued
  const [, traceId, outerId] = TRACEPARENT.exec(outer)!;
  const [, innerTraceId, innerId] = TRACEPARENT.exec(inner)!;
  expect(innerTraceId).toBe(traceId);
  const spans = await collector.waitFor((all) => all.length >= 3);
  expect(spans.find((span) => span.name === 'outer')).toMatchObject({
    service: 'tested',
    traceId,
    spanId: outerId,
    parentSpanId: '',
    kind: 2,
  });
  expect(spans.find((span) => span.name === 'inner')).toMatchObject({
    spanId: innerId,
    parentSpanId: outerId,
  });
  expect(spans.find((span) => span.name === 'failing')?.status).toBe(2);
  // Shut down, it is off again.
  expect(await inSpan('after', {}, async () => currentTraceHeaders())).toEqual({});
});

it('samples new traces by ratio but follows a caller that sampled its own', async () => {
  collector.spans.length = 0;
  const tracing = startTracing({ service: 'rare', endpoint: collector.endpoint, sampleRatio: 0 });
  await inSpan('unsampled root', {}, async () => undefined);
  const caller = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
  const continued = await inSpan(
    'continued',
    { parentHeaders: { traceparent: caller } },
    async () => currentTraceHeaders(),
  );
  await tracing.shutdown();
  expect(continued.traceparent).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
  expect(collector.spans.map((span) => span.name)).toEqual(['continued']);
  expect(collector.spans[0]!.parentSpanId).toBe('b7ad6b7169203331');
});
