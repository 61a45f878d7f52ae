import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Sms {
  to: string;
  body: string;
}

export interface SmsInbox {
  /** SMS_WEBHOOK_URL for the notification service. */
  url: string;
  messages: Sms[];
  /** Resolves with the first message (past or future) that matches. */
  waitFor(match: (sms: Sms) => boolean, timeoutMs?: number): Promise<Sms>;
  /** Answers the next `count` messages with this HTTP status instead of taking them. */
  failNext(count: number, status: number): void;
  close(): Promise<void>;
}

/**
 * A stand-in SMS gateway: an HTTP server on loopback taking the webhook's
 * `POST {"to","body"}`. Tests read what arrived; the dev launcher prints it.
 */
export async function startSmsInbox(
  options: { port?: number; onMessage?: (sms: Sms) => void } = {},
): Promise<SmsInbox> {
  const messages: Sms[] = [];
  const waiters: { match: (sms: Sms) => boolean; resolve: (sms: Sms) => void }[] = [];
  let failures = { remaining: 0, status: 500 };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (failures.remaining > 0) {
        failures.remaining--;
        return response.writeHead(failures.status).end();
      }
      let sms: Sms;
      try {
        const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Partial<Sms>;
        if (
          request.method !== 'POST' ||
          typeof parsed.to !== 'string' ||
          typeof parsed.body !== 'string'
        )
          throw new Error('expected POST {"to","body"}');
        sms = { to: parsed.to, body: parsed.body };
      } catch {
        return response.writeHead(400).end();
      }
      messages.push(sms);
      options.onMessage?.(sms);
      for (const waiter of waiters.filter((w) => w.match(sms))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(sms);
      }
      response.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/sms`,
    messages,
    waitFor(match, timeoutMs = 20_000) {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve };
        waiters.push(waiter);
        setTimeout(() => {
          if (!waiters.includes(waiter)) return;
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no matching SMS within ${timeoutMs} ms`));
        }, timeoutMs).unref();
      });
    },
    failNext(count, status) {
      failures = { remaining: count, status };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
