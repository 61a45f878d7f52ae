import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { metricTotal, scrapeMetrics } from './metrics-scrape';

const TEXT = `# HELP emails_total Emails
# TYPE emails_total counter
emails_total{kind="DOCUMENT_ISSUED",outcome="sent",service="notification"} 3
emails_total{kind="DOCUMENT_ISSUED",outcome="failed",service="notification"} 1
emails_total{kind="INVITATION",outcome="sent",service="notification"} 2
process_uptime_seconds 12.5
`;

let server: Server;
let origin: string;
beforeAll(async () => {
  server = createServer((_req, res) => res.end(TEXT));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('scrapeMetrics', () => {
  it('reads every sample with its labels, skipping comments', async () => {
    const samples = await scrapeMetrics(origin);
    expect(samples).toHaveLength(4);
    expect(samples[0]).toEqual({
      name: 'emails_total',
      labels: { kind: 'DOCUMENT_ISSUED', outcome: 'sent', service: 'notification' },
      value: 3,
    });
    expect(samples[3]).toEqual({ name: 'process_uptime_seconds', labels: {}, value: 12.5 });
  });

  it('sums the samples whose labels match', async () => {
    const samples = await scrapeMetrics(origin);
    expect(metricTotal(samples, 'emails_total')).toBe(6);
    expect(metricTotal(samples, 'emails_total', { outcome: 'sent' })).toBe(5);
    expect(metricTotal(samples, 'emails_total', { kind: 'DOCUMENT_ISSUED', outcome: 'sent' })).toBe(
      3,
    );
    expect(metricTotal(samples, 'missing_total')).toBe(0);
  });
});
