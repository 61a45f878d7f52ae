import { Counter, Histogram } from 'prom-client';

/** The notification service's own Prometheus metrics (served on /metrics next to the HTTP ones). */
export const pdfRenderSeconds = new Histogram({
  name: 'pdf_render_duration_seconds',
  help: 'Time to render one PDF in Chromium, by outcome',
  labelNames: ['outcome'],
  buckets: [0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2, 5, 10],
});

export const emailsTotal = new Counter({
  name: 'emails_total',
  help: 'Emails handed to SMTP, by kind and outcome (sent, retry: 4xx or no answer, failed: 5xx)',
  labelNames: ['kind', 'outcome'],
});

export const webhookTriesTotal = new Counter({
  name: 'webhook_tries_total',
  help: 'Webhook POSTs, by outcome (delivered or failed)',
  labelNames: ['outcome'],
});
