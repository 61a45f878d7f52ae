import { storedScope } from '@portico/auth';
import { Agent, request } from 'undici';
import type { Logger } from '@portico/logger';
import { webhookTriesTotal } from '../metrics';
import type { WebhookDeliveryRecord, WebhookEndpointRecord } from '../model/webhook';
import { isInternalHost, publicOnlyLookup } from './address-policy';
import type { TryResult, WebhookDeliveries } from './webhook-deliveries';
import type { WebhookEndpoints } from './webhook-endpoints';
import { signedHeaders } from './webhook-signature';

export interface DispatcherOptions {
  /** How often due deliveries are looked for (new ones are kicked at once). */
  pollMs: number;
  /** Longest wait for an endpoint's answer. */
  timeoutMs: number;
  /** Tries running at once. */
  concurrency: number;
  /** Development and tests: receivers on localhost are allowed. */
  allowLocal: boolean;
}

// A disabled endpoint's deliveries wait; this often they look whether it is enabled again.
const DISABLED_RECHECK_MS = 60_000;

// How often claims from long ago are cleared away.
const CLAIM_CLEANUP_MS = 10 * 60_000;

// Enough of the receiver's answer to tell what went wrong, not a whole error page.
const ERROR_TEXT_LIMIT = 300;

/**
 * Sends due webhook deliveries: each try POSTs the CloudEvents JSON, signed
 * afresh (a new timestamp per try), to the endpoint; a 2xx answer delivers
 * it, anything else is retried with backoff (see WebhookDeliveries).
 */
export class WebhookDispatcher {
  private readonly agent: Agent;
  private timer: NodeJS.Timeout | undefined;
  private cleanup: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly endpoints: WebhookEndpoints,
    private readonly deliveries: WebhookDeliveries,
    private readonly logger: Logger,
    private readonly options: DispatcherOptions,
  ) {
    this.agent = new Agent({
      keepAliveTimeout: 10_000,
      // Every connection resolves its host itself and refuses internal addresses.
      connect: options.allowLocal ? {} : { lookup: publicOnlyLookup },
    });
  }

  start(): void {
    this.timer = setInterval(() => this.kick(), this.options.pollMs);
    this.cleanup = setInterval(
      () =>
        void this.deliveries
          .forgetOldClaims()
          .catch((error: unknown) => this.logger.warn({ err: error }, 'claim cleanup failed')),
      CLAIM_CLEANUP_MS,
    );
    this.cleanup.unref();
    this.kick();
  }

  /** Looks for due deliveries now; a kick while a round runs starts another right after. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.round()
      .catch((error: unknown) => this.logger.error({ err: error }, 'webhook round failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearInterval(this.cleanup);
    await this.running;
    await this.agent.close();
  }

  private async round(): Promise<void> {
    for (;;) {
      const due = await this.deliveries.due(this.options.concurrency * 4);
      if (due.length === 0 || this.stopped) return;
      const queue = [...due];
      const worker = async () => {
        for (let next = queue.shift(); next && !this.stopped; next = queue.shift())
          await this.attempt(next);
      };
      await Promise.all(Array.from({ length: this.options.concurrency }, worker));
      if (due.length < this.options.concurrency * 4) return;
    }
  }

  private async attempt(delivery: WebhookDeliveryRecord): Promise<void> {
    if (!(await this.deliveries.claim(delivery))) return; // another replica has it
    const endpoint = await this.endpoints.find(storedScope(delivery), delivery.endpointId);
    if (!endpoint) return this.deliveries.forgetEndpoint(delivery.endpointId); // removed meanwhile
    if (!endpoint.enabled) {
      // Waits, untried, until the endpoint is enabled again.
      return this.deliveries.postpone(delivery._id, new Date(Date.now() + DISABLED_RECHECK_MS));
    }
    const result = await this.post(endpoint, delivery);
    webhookTriesTotal.inc({ outcome: result.ok ? 'delivered' : 'failed' });
    await this.deliveries.record(delivery, result);
    this.logger.info(
      {
        endpointId: endpoint._id,
        eventId: delivery.eventId,
        attempt: delivery.attempts + 1,
        responseStatus: result.responseStatus,
        ok: result.ok,
      },
      'webhook try',
    );
  }

  private async post(endpoint: WebhookEndpointRecord, delivery: WebhookDeliveryRecord) {
    const url = new URL(endpoint.url);
    // An address written in the URL is connected to without a lookup: check it here.
    if (!this.options.allowLocal && isInternalHost(url.hostname))
      return failed(null, 'The endpoint resolves to an internal address');
    try {
      const answer = await request(url, {
        method: 'POST',
        dispatcher: this.agent,
        headers: {
          'content-type': 'application/cloudevents+json',
          'user-agent': 'Portico-Webhooks/1',
          ...signedHeaders(this.endpoints.secretOf(endpoint), delivery.eventId, delivery.body),
        },
        body: delivery.body,
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
        // No redirect is followed (undici's request never does without its redirect
        // interceptor): one could lead to an internal address past the check above.
      });
      const text = (await answer.body.text()).slice(0, ERROR_TEXT_LIMIT);
      if (answer.statusCode >= 200 && answer.statusCode < 300)
        return { ok: true, responseStatus: answer.statusCode, error: null };
      return failed(answer.statusCode, `HTTP ${answer.statusCode}${text ? `: ${text}` : ''}`);
    } catch (error) {
      return failed(null, error instanceof Error ? error.message : String(error));
    }
  }
}

const failed = (responseStatus: number | null, error: string): TryResult => ({
  ok: false,
  responseStatus,
  error,
});
