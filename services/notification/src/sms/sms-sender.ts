const TIMEOUT_MS = 10_000;

/**
 * Sends text messages through the SMS gateway's webhook: one POST of
 * `{ "to": "+49…", "body": "…" }` per message. A failure is thrown so the
 * bus retries the event.
 */
export class SmsSender {
  constructor(private readonly webhookUrl: string) {}

  async send(to: string, body: string): Promise<void> {
    const response = await fetch(this.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to, body }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
  }
}
