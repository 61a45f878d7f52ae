/**
 * Sends `bench:load`'s mix to one gateway and times every answer: closed
 * loop (N connections, each sending its next request when the last is
 * answered) or open loop (a fixed rate, each request timed from when it was
 * due, so a slow answer cannot hide the queue behind it).
 */
import { Pool } from 'undici';
import { percentile, startCpuCount } from '@portico/local-infra';
import type { LoadRequest } from './load-mix';

export interface Load {
  url: string;
  /** The next request to send. */
  next: () => LoadRequest;
  seconds: number;
  /** Closed loop: this many connections, each one request at a time. */
  connections?: number;
  /** Open loop: requests per second, over up to 256 connections. */
  rate?: number;
}

export interface OperationFigures {
  count: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface LoadFigures {
  requests: number;
  rps: number;
  errors: number;
  /** The first few, for the reader to see what went wrong. */
  errorSamples: string[];
  all: OperationFigures;
  byOperation: Map<string, OperationFigures>;
  /** CPU ms per request of each process role (a service, ferretdb, a peer gateway, ...). */
  cpuMsPerRequest: Map<string, number>;
}

interface Timed {
  operation: string;
  ms: number;
}

function figuresOf(times: number[]): OperationFigures {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

export async function runLoad(load: Load): Promise<LoadFigures> {
  const target = new URL(load.url);
  const pool = new Pool(target.origin, {
    connections: load.connections ?? 256,
    pipelining: 1,
  });
  const timed: Timed[] = [];
  const errorSamples: string[] = [];
  let errors = 0;

  const send = async (request: LoadRequest, dueAt: number) => {
    try {
      const answer = await pool.request({
        path: target.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${request.token}` },
        body: request.body,
      });
      const text = await answer.body.text();
      const ms = performance.now() - dueAt;
      const parsed = JSON.parse(text) as { data?: unknown; errors?: unknown };
      if (answer.statusCode !== 200 || parsed.errors || !parsed.data)
        throw new Error(`${request.operation}: ${answer.statusCode} ${text.slice(0, 300)}`);
      request.answered?.(parsed.data);
      timed.push({ operation: request.operation, ms });
    } catch (error) {
      errors++;
      if (errorSamples.length < 5) errorSamples.push(String(error));
    }
  };

  const stopCpu = startCpuCount();
  const started = performance.now();
  const deadline = started + load.seconds * 1000;
  if (load.rate) {
    const interval = 1000 / load.rate;
    const inFlight = new Set<Promise<void>>();
    for (let due = started; due < deadline; due += interval) {
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const sending = send(load.next(), due);
      inFlight.add(sending);
      void sending.finally(() => inFlight.delete(sending));
    }
    await Promise.all(inFlight);
  } else {
    await Promise.all(
      Array.from({ length: load.connections ?? 1 }, async () => {
        while (performance.now() < deadline) await send(load.next(), performance.now());
      }),
    );
  }
  const elapsed = (performance.now() - started) / 1000;
  const cpu = stopCpu();
  await pool.close();

  const requests = timed.length + errors;
  const byOperation = new Map<string, number[]>();
  for (const { operation, ms } of timed) {
    const times = byOperation.get(operation) ?? [];
    times.push(ms);
    byOperation.set(operation, times);
  }
  return {
    requests,
    rps: requests / elapsed,
    errors,
    errorSamples,
    all: figuresOf(timed.map((each) => each.ms)),
    byOperation: new Map(
      [...byOperation]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, times]) => [name, figuresOf(times)]),
    ),
    cpuMsPerRequest: new Map([...cpu].map(([role, ms]) => [role, ms / Math.max(1, requests)])),
  };
}
